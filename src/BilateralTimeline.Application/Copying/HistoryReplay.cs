using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Copying;

/// <summary>
/// Copies a history into a store that cannot take it verbatim, because it chains hashes differently
/// (EventStoreDB chains per stream) or stamps its own positions and times: each stream's events are
/// appended again in log order, with their ids, types, data and metadata, under the expected revision
/// the source had, so the target's own chain covers them. The source must verify first; the target
/// must be empty. Positions, recorded times and hashes become the target's.
/// </summary>
public static class HistoryReplay
{
    private const int MaxEventsPerAppend = 500;

    public static async Task<long> CopyAsync(IEventStore source, IEventStore target, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        if (await target.ReadAllAsync(long.MaxValue, ReadDirection.Backwards, 1, cancellationToken).AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new EventStoreUnavailableException("the target store already holds events; copying is only into an empty store");
        }
        long copied = 0;
        var batch = new List<EventData>(MaxEventsPerAppend);
        string? stream = null;
        long firstRevision = 0;
        await foreach (var e in source.ReadAllAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.Stream != stream || batch.Count == MaxEventsPerAppend || e.StreamRevision != firstRevision + batch.Count)
            {
                copied += await FlushAsync(target, stream, firstRevision, batch, cancellationToken).ConfigureAwait(false);
                progress?.Report(copied);
                stream = e.Stream;
                firstRevision = e.StreamRevision;
            }
            batch.Add(new EventData(e.EventId, e.Type, e.Data, e.Metadata));
        }
        copied += await FlushAsync(target, stream, firstRevision, batch, cancellationToken).ConfigureAwait(false);
        progress?.Report(copied);
        return copied;
    }

    private static async Task<int> FlushAsync(IEventStore target, string? stream, long firstRevision, List<EventData> batch, CancellationToken cancellationToken)
    {
        if (stream is null || batch.Count == 0)
        {
            return 0;
        }
        var expected = firstRevision == 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(firstRevision - 1);
        await target.AppendAsync(stream, expected, batch.ToArray(), cancellationToken).ConfigureAwait(false);
        var count = batch.Count;
        batch.Clear();
        return count;
    }
}
