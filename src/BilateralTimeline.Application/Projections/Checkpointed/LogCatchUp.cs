using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Projections.Checkpointed;

/// <summary>
/// The catch-up loop the persisted read models share (a projection version being rebuilt, the search
/// index): read the log forwards after a checkpoint and hand it over in batches, each committed with its
/// checkpoint by the caller before the next is read, so that a failure loses at most one batch of work.
/// <see cref="ProjectionRunner"/> follows a subscription instead, to keep going at the head.
/// </summary>
public static class LogCatchUp
{
    /// <summary>
    /// Hands the events after <paramref name="checkpoint"/> to <paramref name="commit"/>, at most
    /// <paramref name="batchSize"/> at a time; <paramref name="commit"/> persists one batch (in log order)
    /// with its checkpoint, and the list is reused once it returns. Returns how many events were handed over.
    /// </summary>
    public static async Task<long> RunAsync(IEventStore store, long checkpoint, int batchSize, Func<IReadOnlyList<RecordedEvent>, CancellationToken, Task> commit, CancellationToken cancellationToken)
    {
        long handed = 0;
        var batch = new List<RecordedEvent>(batchSize);
        await foreach (var e in store.ReadAllAsync(checkpoint + 1, ReadDirection.Forwards, long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            batch.Add(e);
            if (batch.Count == batchSize)
            {
                await commit(batch, cancellationToken).ConfigureAwait(false);
                handed += batch.Count;
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await commit(batch, cancellationToken).ConfigureAwait(false);
            handed += batch.Count;
        }
        return handed;
    }
}
