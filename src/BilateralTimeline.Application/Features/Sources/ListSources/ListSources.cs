using BilateralTimeline.Application.Projections;
using MediatR;

namespace BilateralTimeline.Application.Features.Sources.ListSources;

/// <summary>The source audit: every source of a dyad, its claims and their fate.</summary>
public sealed record ListSources(string? Dyad) : IRequest<SourceAuditView>;

public sealed record SourceAuditView(string Dyad, IReadOnlyList<AuditedSource> Sources);

public sealed class ListSourcesHandler(Ports.IEventStore store) : IRequestHandler<ListSources, SourceAuditView>
{
    public async Task<SourceAuditView> Handle(ListSources request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        var view = await LedgerView.LoadAsync(store, dyad, null, cancellationToken).ConfigureAwait(false);
        return new SourceAuditView(dyad.ToString(), SourceAuditProjection.Build(view));
    }
}
