using BilateralTimeline.Application.Copying;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using MediatR;

namespace BilateralTimeline.Application.Features.Stores.CopyHistory;

public sealed class CopyHistoryHandler(IStoreCatalog catalog, TimeProvider clock) : IRequestHandler<CopyHistory, CopiedHistory>
{
    public async Task<CopiedHistory> Handle(CopyHistory request, CancellationToken cancellationToken)
    {
        var fromAdapter = catalog.Find(request.From.Kind)!;
        var toAdapter = catalog.Find(request.To.Kind)!;
        var from = fromAdapter.Describe(request.From.Address);
        var to = toAdapter.Describe(request.To.Address);
        await using var source = await fromAdapter.OpenAsync(request.From.Address, clock, cancellationToken).ConfigureAwait(false);
        await using var target = await toAdapter.OpenAsync(request.To.Address, clock, cancellationToken).ConfigureAwait(false);
        var upTo = await source.ReadAllAsync(long.MaxValue, ReadDirection.Backwards, 1, cancellationToken).Select(e => e.GlobalPosition).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var progress = request.Progress is { } report ? new Relay(report, upTo) : null;
        var verbatim = target is IHistoryImport && fromAdapter.Capabilities.Chain == HashChainScope.Log && toAdapter.Capabilities.Chain == HashChainScope.Log;
        ChainVerification? sourceCheck = null;
        long copied;
        var started = clock.GetTimestamp();
        if (verbatim)
        {
            // The import checks the source's chain event by event and writes nothing if it breaks.
            copied = await ((IHistoryImport)target).ImportHistoryAsync(source.ReadAllAsync(cancellationToken: cancellationToken), progress, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Without a log-wide chain to check on the way, the source is verified as a whole first.
            sourceCheck = await ChainVerifier.VerifyAsync(source, fromAdapter.Capabilities, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!sourceCheck.IsIntact)
            {
                return new CopiedHistory(from, to, verbatim, 0, TimeSpan.Zero, sourceCheck, null);
            }
            copied = await HistoryReplay.CopyAsync(source, target, progress, cancellationToken).ConfigureAwait(false);
        }
        var elapsed = clock.GetElapsedTime(started);
        var targetCheck = await ChainVerifier.VerifyAsync(target, toAdapter.Capabilities, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new CopiedHistory(from, to, verbatim, copied, elapsed, sourceCheck, targetCheck);
    }

    /// <summary>Passes each count on at once, on the copying thread, so no report arrives after the result.</summary>
    private sealed class Relay(IProgress<CopyProgress> to, long upTo) : IProgress<long>
    {
        public void Report(long value) => to.Report(new CopyProgress(value, upTo));
    }
}
