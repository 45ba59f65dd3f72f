using BilateralTimeline.Application.Projections;
using MediatR;

namespace BilateralTimeline.Application.Features.State.GetRelationshipState;

/// <summary>The relationship's state at a valid-time date (default today), as known at a recording time (default now).</summary>
public sealed record GetRelationshipState(string? Dyad, DateOnly? AsOf, DateTimeOffset? KnownAt) : IRequest<RelationshipStateView>;

public sealed class GetRelationshipStateHandler(Ports.IEventStore store, Ports.ILedgerViews views, TimeProvider clock) : IRequestHandler<GetRelationshipState, RelationshipStateView>
{
    public async Task<RelationshipStateView> Handle(GetRelationshipState request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var view = await views.AtAsync(dyad, request.KnownAt, cancellationToken).ConfigureAwait(false);
        var asOf = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return RelationshipStateProjection.Build(dyad.ToString(), view, asOf, request.KnownAt);
    }
}
