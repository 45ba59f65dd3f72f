namespace BilateralTimeline.Application.Ports;

/// <summary>
/// The stores that live beside a log (or in a store named for read models): projection rows and
/// checkpoints (the decider index among them), API keys and the search index. Each is opened when first
/// asked for, because opening one creates its tables.
/// </summary>
public sealed class ReadModelStores(IProjectionStore projections, Func<IApiKeyStore> keys, Func<CancellationToken, Task<ISearchIndexStore>> search)
{
    private readonly Lazy<IApiKeyStore> _keys = new(keys);
    private Task<ISearchIndexStore>? _search;

    public IProjectionStore Projections { get; } = projections;

    public IApiKeyStore Keys => _keys.Value;

    public Task<ISearchIndexStore> SearchAsync(CancellationToken cancellationToken = default) => _search ??= search(cancellationToken);
}
