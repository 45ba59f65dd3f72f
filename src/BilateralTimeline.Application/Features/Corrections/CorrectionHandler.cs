using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain.Ledger;
using MediatR;

namespace BilateralTimeline.Application.Features.Corrections;

/// <summary>What every correction request carries besides its own fields, and the ledger command it asks for.</summary>
public interface ICorrection : IRequest<RecordingResult>
{
    string? Dyad { get; }

    string RecordedBy { get; }

    long? ExpectedRevision { get; }

    LedgerCommand ToCommand();
}

/// <summary>Every correction is recorded the same way: resolve the dyad, decide, append at the revision read.</summary>
public abstract class CorrectionHandler<TCorrection>(IEventStore store) : IRequestHandler<TCorrection, RecordingResult>
    where TCorrection : ICorrection
{
    public async Task<RecordingResult> Handle(TCorrection request, CancellationToken cancellationToken) =>
        await LedgerWriter.RecordAsync(
            store,
            await DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false),
            request.ToCommand(),
            request.RecordedBy,
            request.ExpectedRevision,
            cancellationToken).ConfigureAwait(false);
}
