using System.Threading.Channels;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// Replays the whole log through a fold in two overlapped stages: one task reads and decodes events
/// (I/O and JSON), the caller's thread folds them. A bounded queue of small batches keeps memory flat
/// however long the log is; order is preserved.
/// </summary>
public static class LogReplay
{
    private const int BatchSize = 512;
    private const int BatchesInFlight = 8;

    /// <returns>The number of events read (events of unknown types are counted but not folded).</returns>
    public static async Task<long> ReplayAsync(IEventStore store, Action<string, LedgerEnvelope> fold, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var queue = Channel.CreateBounded<(string Stream, LedgerEnvelope? Envelope)[]>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new List<(string, LedgerEnvelope?)>(BatchSize);
                await foreach (var recorded in store.ReadAllAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    batch.Add((recorded.Stream, LedgerReader.ToEnvelope(recorded)));
                    if (batch.Count == BatchSize)
                    {
                        await queue.Writer.WriteAsync([.. batch], cancellationToken).ConfigureAwait(false);
                        batch.Clear();
                    }
                }
                if (batch.Count > 0)
                {
                    await queue.Writer.WriteAsync([.. batch], cancellationToken).ConfigureAwait(false);
                }
                queue.Writer.Complete();
            }
            catch (Exception e)
            {
                queue.Writer.Complete(e);
            }
        }, cancellationToken);

        long count = 0;
        await foreach (var batch in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var (stream, envelope) in batch)
            {
                if (envelope is not null)
                {
                    fold(stream, envelope);
                }
            }
            count += batch.Length;
            progress?.Report(count);
        }
        await producer.ConfigureAwait(false);
        return count;
    }
}
