using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Sensitivity;
using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.State.GetRelationshipState;

/// <summary>
/// The relationship's state at a valid-time date (default today), as known at a recording time (default
/// now), with a page of at most Limit movers (null: all) from Cursor, largest share first; with a
/// <see cref="ReplayFilter"/>, of the ledger that never had what it excludes.
/// </summary>
public sealed record GetRelationshipState(string? Dyad, DateOnly? AsOf, DateTimeOffset? KnownAt, [property: Validation.NotInFieldPaths] ReplayFilter? Filter = null, int? Limit = null, string? Cursor = null) : IRequest<RelationshipStateView>
{
    /// <summary>Movers per page when a reader names no limit: the few that matter, not one line per occurrence of a large dyad.</summary>
    public const int DefaultLimit = RelationshipStateProjection.DefaultMovers;
}

public sealed class GetRelationshipStateValidator : AbstractValidator<GetRelationshipState>
{
    public GetRelationshipStateValidator(TimeProvider clock)
    {
        Include(new QueryRules<GetRelationshipState>(clock, x => x.Dyad, x => x.KnownAt));
        RuleFor(x => x.Limit).InclusiveBetween(1, PageCursor.MaxLimit).When(x => x.Limit is not null).WithMessage($"must be between 1 and {PageCursor.MaxLimit:N0}");
        RuleFor(x => x.Cursor).Must(c => PageCursor.TryDecode(c!) is not null).When(x => x.Cursor is not null).WithMessage("is not a cursor this server handed out; pass the 'next' of the previous page unchanged");
        Include(new ReplayFilterRules<GetRelationshipState>(x => x.Filter));
    }
}

public sealed class GetRelationshipStateHandler(Ports.IEventStore store, Ports.ILedgerViews views, TimeProvider clock) : IRequestHandler<GetRelationshipState, RelationshipStateView>
{
    public async Task<RelationshipStateView> Handle(GetRelationshipState request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var asOf = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (ReplayFilter.OrNull(request.Filter) is null)
        {
            // Without a filter the views may answer from what they keep (the serve index's entry log), not from a view folded for the known-at.
            return await views.StateAsync(dyad, asOf, request.KnownAt, PageCursor.SkipOf(request.Cursor), request.Limit, cancellationToken).ConfigureAwait(false);
        }
        var view = await ReplayViews.AtAsync(views, store, dyad, request.KnownAt, request.Filter, cancellationToken).ConfigureAwait(false);
        return RelationshipStateProjection.Build(dyad.ToString(), view, asOf, request.KnownAt, PageCursor.SkipOf(request.Cursor), request.Limit);
    }
}
