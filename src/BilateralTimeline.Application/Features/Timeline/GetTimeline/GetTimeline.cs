using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Sensitivity;
using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Timeline.GetTimeline;

/// <summary>
/// The timeline of a dyad as of a valid-time date (default today), as known at a recording time (default now);
/// optionally only the items whose days overlap [From, To], a page of at most Limit items from Cursor;
/// with a <see cref="ReplayFilter"/>, of the ledger that never had what it excludes.
/// </summary>
public sealed record GetTimeline(string? Dyad, DateOnly? AsOf, DateTimeOffset? KnownAt, DateOnly? From = null, DateOnly? To = null, int? Limit = null, string? Cursor = null, [property: Validation.NotInFieldPaths] ReplayFilter? Filter = null) : IRequest<TimelineView>;

public sealed class GetTimelineValidator : AbstractValidator<GetTimeline>
{
    public GetTimelineValidator(TimeProvider clock)
    {
        Include(new QueryRules<GetTimeline>(clock, x => x.Dyad, x => x.KnownAt));
        RuleFor(x => x.Limit).InclusiveBetween(1, PageCursor.MaxLimit).When(x => x.Limit is not null).WithMessage($"must be between 1 and {PageCursor.MaxLimit:N0}");
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null).WithMessage("must not be before from");
        RuleFor(x => x.Cursor).Must(c => PageCursor.TryDecode(c!) is not null).When(x => x.Cursor is not null).WithMessage("is not a cursor this server handed out; pass the 'next' of the previous page unchanged");
        Include(new ReplayFilterRules<GetTimeline>(x => x.Filter));
    }
}

public sealed class GetTimelineHandler(Ports.IEventStore store, Ports.ILedgerViews views, TimeProvider clock) : IRequestHandler<GetTimeline, TimelineView>
{
    public async Task<TimelineView> Handle(GetTimeline request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var asOf = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var window = new TimelineWindow(request.From, request.To, request.Limit, PageCursor.SkipOf(request.Cursor));
        if (ReplayFilter.OrNull(request.Filter) is null)
        {
            // The host's views may keep a timeline of their own (the serve index does): no view to fold then.
            return await views.TimelineAsync(dyad, asOf, request.KnownAt, window, cancellationToken).ConfigureAwait(false);
        }
        var view = await ReplayViews.AtAsync(views, store, dyad, request.KnownAt, request.Filter, cancellationToken).ConfigureAwait(false);
        return TimelineProjection.Build(dyad.ToString(), view, asOf, request.KnownAt, window);
    }
}
