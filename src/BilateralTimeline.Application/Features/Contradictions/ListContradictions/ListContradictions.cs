using BilateralTimeline.Application.Projections;
using MediatR;

namespace BilateralTimeline.Application.Features.Contradictions.ListContradictions;

/// <summary>The disagreements between claims of a dyad as known at a recording time (default now); optionally only the open ones.</summary>
public sealed record ListContradictions(string? Dyad, DateTimeOffset? KnownAt, bool OpenOnly) : IRequest<ContradictionsView>;

public sealed class ListContradictionsHandler(Ports.IEventStore store, TimeProvider clock) : IRequestHandler<ListContradictions, ContradictionsView>
{
    public async Task<ContradictionsView> Handle(ListContradictions request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var view = await LedgerView.LoadAsync(store, dyad, request.KnownAt, cancellationToken).ConfigureAwait(false);
        return ContradictionsProjection.Build(dyad.ToString(), view, request.KnownAt, request.OpenOnly);
    }
}
