using BilateralTimeline.Application.Ledger.DeciderIndex;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Projections.RebuildDeciderIndex;

/// <summary>
/// Build a dyad's decider index from its first event (see <see cref="DeciderIndexStore"/>), replacing
/// whatever was there: after a restore, or before the first write to a large dyad written by other means,
/// so that write does not pay the full fold.
/// </summary>
/// <param name="Dyad">The dyad; null: the one most recently written to.</param>
public sealed record RebuildDeciderIndex(string? Dyad) : IRequest<DeciderIndexReport>;

public sealed class RebuildDeciderIndexValidator : AbstractValidator<RebuildDeciderIndex>
{
    public RebuildDeciderIndexValidator(TimeProvider clock) => Include(new QueryRules<RebuildDeciderIndex>(clock, x => x.Dyad));
}

/// <summary>Revision: the stream revision the index now reflects (-1: the dyad has no events). Rows: keys written.</summary>
public sealed record DeciderIndexReport(string Dyad, long Revision, int Rows);

public sealed class RebuildDeciderIndexHandler(IEventStore store, IProjectionStore projections, LedgerCommandService ledger) : IRequestHandler<RebuildDeciderIndex, DeciderIndexReport>
{
    public async Task<DeciderIndexReport> Handle(RebuildDeciderIndex request, CancellationToken cancellationToken)
    {
        var dyad = await ledger.ResolveDyadAsync(request.Dyad, cancellationToken).ConfigureAwait(false);
        var (revision, rows) = await new DeciderIndexStore(store, projections).RebuildAsync(dyad, cancellationToken).ConfigureAwait(false);
        return new DeciderIndexReport(dyad.ToString(), revision, rows);
    }
}
