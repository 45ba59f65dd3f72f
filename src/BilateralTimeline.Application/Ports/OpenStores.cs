namespace BilateralTimeline.Application.Ports;

/// <summary>
/// The stores one invocation works on, opened by the composition root: the log with what its adapter
/// guarantees, and, where the store has tables (or a read-model store is named), the read models and
/// the search index. <c>StoreRegistration.AddStores</c> registers them; the CLI and the HTTP host
/// both do so through it.
/// </summary>
public sealed record OpenStores(IEventStore Log, StoreCapabilities Capabilities)
{
    /// <summary>Null: the store has no tables and none were named (EventStoreDB alone).</summary>
    public ReadModelStores? ReadModels { get; init; }

    /// <summary>Opened only by the commands that search or serve; null otherwise.</summary>
    public ISearchIndexStore? Search { get; init; }
}
