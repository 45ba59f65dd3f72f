using System.Threading.Channels;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// Replays the whole log through a fold in two overlapped stages: one task reads and decodes events
/// (I/O and JSON), the caller's thread folds them. A bounded queue of small batches keeps memory flat
/// however long the log is; order is preserved. A store that can hand over its raw bytes
/// (<see cref="IRawLogReader"/>) is decoded straight from them, without a <see cref="RecordedEvent"/> per event.
/// </summary>
public static class LogReplay
{
    private const int BatchSize = 1024;
    private const int BatchesInFlight = 8;

    /// <returns>The number of events read (events of unknown types are counted but not folded).</returns>
    public static async Task<long> ReplayAsync(IEventStore store, Action<string, LedgerEnvelope> fold, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var queue = Channel.CreateBounded<(string Stream, LedgerEnvelope? Envelope)[]>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                if (store is IRawLogReader raw)
                {
                    await ReadRawAsync(raw, queue.Writer, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await ReadRecordedAsync(store, queue.Writer, cancellationToken).ConfigureAwait(false);
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

    private static async Task ReadRecordedAsync(IEventStore store, ChannelWriter<(string, LedgerEnvelope?)[]> queue, CancellationToken cancellationToken)
    {
        var batch = new List<(string, LedgerEnvelope?)>(BatchSize);
        await foreach (var recorded in store.ReadAllAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            batch.Add((recorded.Stream, LedgerReader.ToEnvelope(recorded)));
            if (batch.Count == BatchSize)
            {
                await queue.WriteAsync([.. batch], cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await queue.WriteAsync([.. batch], cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ReadRawAsync(IRawLogReader store, ChannelWriter<(string, LedgerEnvelope?)[]> queue, CancellationToken cancellationToken)
    {
        var decoder = new ReplayDecoder();
        var batch = new (string, LedgerEnvelope?)[BatchSize];
        var filled = 0;
        await store.ReadAllRawAsync(0, (in RawEvent e) =>
        {
            batch[filled++] = (decoder.Stream(e), decoder.Decode(e));
            if (filled == BatchSize)
            {
                // The raw read is synchronous on this task's thread: wait here for the folding side to take a batch.
                Write(queue, batch, cancellationToken);
                batch = new (string, LedgerEnvelope?)[BatchSize];
                filled = 0;
            }
        }, cancellationToken).ConfigureAwait(false);
        if (filled > 0)
        {
            await queue.WriteAsync(batch[..filled], cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Write(ChannelWriter<(string, LedgerEnvelope?)[]> queue, (string, LedgerEnvelope?)[] batch, CancellationToken cancellationToken)
    {
        while (!queue.TryWrite(batch))
        {
            if (!queue.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                throw new ChannelClosedException();
            }
        }
    }
}
