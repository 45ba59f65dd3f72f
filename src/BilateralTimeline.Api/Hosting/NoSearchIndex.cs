using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Hosting;

/// <summary>Stands in when the host was built without a search index: every search is answered 503 naming why.</summary>
internal sealed class NoSearchIndex : ISearchIndexStore
{
    private static EventStoreUnavailableException Missing() => new("this server was started without a search index (search keeps its index in tables beside the log: serve a sqlite or postgres store)");

    public Task<SearchCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken = default) => throw Missing();

    public Task CommitAsync(string analyzer, long expectedPosition, long position, IReadOnlyList<SearchIndexChange> changes, CancellationToken cancellationToken = default) => throw Missing();

    public Task ResetAsync(string analyzer, CancellationToken cancellationToken = default) => throw Missing();

    public Task<IReadOnlyList<SearchPosting>> FindPostingsAsync(IReadOnlyCollection<string> terms, string? dyad, CancellationToken cancellationToken = default) => throw Missing();

    public Task<IReadOnlyList<SearchDocument>> ReadDocumentsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => throw Missing();

    public Task<long> CountDocumentsAsync(string? dyad, CancellationToken cancellationToken = default) => throw Missing();
}
