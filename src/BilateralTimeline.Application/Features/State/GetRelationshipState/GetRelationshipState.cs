using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Sensitivity;
using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.State.GetRelationshipState;

/// <summary>
/// The relationship's state at a valid-time date (default today), as known at a recording time (default
/// now); with a <see cref="ReplayFilter"/>, of the ledger that never had what it excludes.
/// </summary>
public sealed record GetRelationshipState(string? Dyad, DateOnly? AsOf, DateTimeOffset? KnownAt, [property: Validation.NotInFieldPaths] ReplayFilter? Filter = null) : IRequest<RelationshipStateView>;

public sealed class GetRelationshipStateValidator : AbstractValidator<GetRelationshipState>
{
    public GetRelationshipStateValidator(TimeProvider clock)
    {
        Include(new QueryRules<GetRelationshipState>(clock, x => x.Dyad, x => x.KnownAt));
        Include(new ReplayFilterRules<GetRelationshipState>(x => x.Filter));
    }
}

public sealed class GetRelationshipStateHandler(Ports.IEventStore store, Ports.ILedgerViews views, TimeProvider clock) : IRequestHandler<GetRelationshipState, RelationshipStateView>
{
    public async Task<RelationshipStateView> Handle(GetRelationshipState request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var view = await ReplayViews.AtAsync(views, store, dyad, request.KnownAt, request.Filter, cancellationToken).ConfigureAwait(false);
        var asOf = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return RelationshipStateProjection.Build(dyad.ToString(), view, asOf, request.KnownAt);
    }
}
