using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Contradictions.ListContradictions;

/// <summary>
/// The disagreements between claims of a dyad as known at a recording time (default now); optionally only
/// the open ones, and a page of at most Limit items from Cursor (the counts always cover all of them).
/// </summary>
public sealed record ListContradictions(string? Dyad, DateTimeOffset? KnownAt, bool OpenOnly, int? Limit = null, string? Cursor = null) : IRequest<ContradictionsView>;

public sealed class ListContradictionsValidator : AbstractValidator<ListContradictions>
{
    public ListContradictionsValidator(TimeProvider clock)
    {
        Include(new QueryRules<ListContradictions>(clock, x => x.Dyad, x => x.KnownAt));
        RuleFor(x => x.Limit).InclusiveBetween(1, PageCursor.MaxLimit).When(x => x.Limit is not null).WithMessage($"must be between 1 and {PageCursor.MaxLimit:N0}");
        RuleFor(x => x.Cursor).Must(c => PageCursor.TryDecode(c!) is not null).When(x => x.Cursor is not null).WithMessage("is not a cursor this server handed out; pass the 'next' of the previous page unchanged");
    }
}

public sealed class ListContradictionsHandler(Ports.IEventStore store, Ports.ILedgerViews views, TimeProvider clock) : IRequestHandler<ListContradictions, ContradictionsView>
{
    public async Task<ContradictionsView> Handle(ListContradictions request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var view = await views.AtAsync(dyad, request.KnownAt, cancellationToken).ConfigureAwait(false);
        var all = ContradictionsProjection.Build(dyad.ToString(), view, request.KnownAt, request.OpenOnly);
        var (items, next) = PageCursor.Slice(all.Items, PageCursor.SkipOf(request.Cursor), request.Limit);
        return all with { Items = items, Next = next };
    }
}
