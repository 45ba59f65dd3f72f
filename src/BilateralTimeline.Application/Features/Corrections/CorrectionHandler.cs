using BilateralTimeline.Application.Ledger;
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

/// <summary>Every correction is recorded the same way: resolve the dyad, then the one write path.</summary>
public abstract class CorrectionHandler<TCorrection>(LedgerCommandService ledger) : IRequestHandler<TCorrection, RecordingResult>
    where TCorrection : ICorrection
{
    public async Task<RecordingResult> Handle(TCorrection request, CancellationToken cancellationToken)
    {
        var dyad = await ledger.ResolveDyadAsync(request.Dyad, cancellationToken).ConfigureAwait(false);
        var written = await ledger.WriteAsync(new LedgerWrite(dyad, [new PlannedCommand("", request.ToCommand())], request.RecordedBy, request.ExpectedRevision), cancellationToken).ConfigureAwait(false);
        return written.ToRecording();
    }
}
