using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Checkpointed;

namespace BilateralTimeline.Application.Search;

/// <summary>
/// Brings the search index up to the head of the log from its checkpoint, in commits of at most
/// <see cref="MaxBatch"/> events, each with its checkpoint. Every search calls it first, so an answer
/// reflects the log as of the question even when no server keeps the index warm; bt serve also calls
/// it after each append it is told of, so a question seldom waits.
/// </summary>
public sealed class SearchIndexer(IEventStore store, ISearchIndexStore index, ITextAnalyzer analyzer)
{
    public const int MaxBatch = 500;

    // Two indexers racing (bt serve and a bt search at once) both read the checkpoint; the slower one's
    // commit is refused and it continues from where the faster one got. A bound keeps a bug from spinning.
    private const int MaxRestarts = 50;

    /// <returns>The position the index reflects (the head of the log when it returns).</returns>
    public async Task<long> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        for (var restart = 0; ; restart++)
        {
            try
            {
                return await ApplyFromCheckpointAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ProjectionCheckpointMovedException) when (restart < MaxRestarts)
            {
            }
        }
    }

    /// <summary>Empties the index and builds it again from the first event.</summary>
    public async Task<long> RebuildAsync(CancellationToken cancellationToken = default)
    {
        await index.ResetAsync(analyzer.Version, cancellationToken).ConfigureAwait(false);
        return await CatchUpAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> ApplyFromCheckpointAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await index.ReadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        if (checkpoint.Analyzer != analyzer.Version)
        {
            // Terms made by other rules would never match a query made by these: start again.
            await index.ResetAsync(analyzer.Version, cancellationToken).ConfigureAwait(false);
            checkpoint = new SearchCheckpoint(0, analyzer.Version);
        }
        var fold = new SearchIndexFold(analyzer);
        var committed = checkpoint.Position;
        await LogCatchUp.RunAsync(store, committed, MaxBatch, async (batch, ct) =>
        {
            var changes = batch.Select(fold.Changes).OfType<SearchIndexChange>().ToList();
            var last = batch[^1].GlobalPosition;
            await index.CommitAsync(analyzer.Version, committed, last, changes, ct).ConfigureAwait(false);
            committed = last;
        }, cancellationToken).ConfigureAwait(false);
        return committed;
    }
}
