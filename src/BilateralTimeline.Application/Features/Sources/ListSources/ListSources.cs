using BilateralTimeline.Application.Projections;
using MediatR;

namespace BilateralTimeline.Application.Features.Sources.ListSources;

/// <summary>The source audit: every source of a dyad, its claims and their fate.</summary>
public sealed record ListSources(string? Dyad, DateTimeOffset? KnownAt = null) : IRequest<SourceAuditView>;

public sealed record SourceAuditView(string Dyad, IReadOnlyList<AuditedSource> Sources);

public sealed class ListSourcesHandler(Ports.IEventStore store, TimeProvider clock) : IRequestHandler<ListSources, SourceAuditView>
{
    public async Task<SourceAuditView> Handle(ListSources request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var view = await LedgerView.LoadAsync(store, dyad, request.KnownAt, cancellationToken).ConfigureAwait(false);
        return new SourceAuditView(dyad.ToString(), SourceAuditProjection.Build(view));
    }
}
