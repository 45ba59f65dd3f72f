using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Sources.ListSources;

/// <summary>The source audit: every source of a dyad, its claims and their fate; optionally a page of at most Limit sources from Cursor.</summary>
public sealed record ListSources(string? Dyad, DateTimeOffset? KnownAt = null, int? Limit = null, string? Cursor = null) : IRequest<SourceAuditView>;

/// <summary><see cref="Next"/> is the cursor of the following page when the answer was cut at a limit.</summary>
public sealed record SourceAuditView(string Dyad, IReadOnlyList<AuditedSource> Sources, string? Next = null);

public sealed class ListSourcesValidator : AbstractValidator<ListSources>
{
    public ListSourcesValidator(TimeProvider clock)
    {
        Include(new QueryRules<ListSources>(clock, x => x.Dyad, x => x.KnownAt));
        RuleFor(x => x.Limit).InclusiveBetween(1, PageCursor.MaxLimit).When(x => x.Limit is not null).WithMessage($"must be between 1 and {PageCursor.MaxLimit:N0}");
        RuleFor(x => x.Cursor).Must(c => PageCursor.TryDecode(c!) is not null).When(x => x.Cursor is not null).WithMessage("is not a cursor this server handed out; pass the 'next' of the previous page unchanged");
    }
}

public sealed class ListSourcesHandler(Ports.IEventStore store, Ports.ILedgerViews views, TimeProvider clock) : IRequestHandler<ListSources, SourceAuditView>
{
    public async Task<SourceAuditView> Handle(ListSources request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var view = await views.AtAsync(dyad, request.KnownAt, cancellationToken).ConfigureAwait(false);
        var (sources, next) = PageCursor.Slice(SourceAuditProjection.Build(view), PageCursor.SkipOf(request.Cursor), request.Limit);
        return new SourceAuditView(dyad.ToString(), sources, next);
    }
}
