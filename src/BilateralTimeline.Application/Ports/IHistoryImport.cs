namespace BilateralTimeline.Application.Ports;

/// <summary>
/// Implemented by adapters that can take over another store's whole history verbatim: the same event
/// ids, stream revisions, global positions, recorded times and hashes, so the chain still verifies and
/// every checkpoint a consumer holds stays meaningful. Only into an empty store, in one transaction.
/// </summary>
public interface IHistoryImport
{
    /// <summary>Writes <paramref name="history"/> (in global order) and returns how many events were written.</summary>
    /// <exception cref="EventStoreUnavailableException">The store is not empty: nothing is written.</exception>
    /// <exception cref="CorruptEventException">The history's chain is broken at that position: nothing is written.</exception>
    Task<long> ImportHistoryAsync(IAsyncEnumerable<RecordedEvent> history, IProgress<long>? progress = null, CancellationToken cancellationToken = default);
}
