using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// The behaviour every <see cref="IEventStore"/> adapter promises. An adapter's test project
/// inherits this class and supplies storage through the abstract members; each test gets a fresh,
/// empty store driven by a <see cref="ManualClock"/>.
/// </summary>
public abstract partial class EventStoreContract : IAsyncLifetime
{
    /// <summary>Deliberately not on a whole microsecond, to show the store truncates.</summary>
    protected static readonly DateTimeOffset Start = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_358_979);

    private IEventStore? _store;

    protected ManualClock Clock { get; } = new(Start);

    /// <summary>The store under test; replaced when the suite closes and reopens it.</summary>
    protected IEventStore Store => _store ?? throw new InvalidOperationException("the store is closed");

    /// <summary>
    /// What the adapter under test declares of itself: its own <c>Capabilities</c>, the very value the CLI
    /// and the API register beside it, never a copy written for the tests. A wrong declaration then fails
    /// the suite's gap and chain tests instead of being mirrored by a wrong copy.
    /// </summary>
    protected abstract StoreCapabilities Capabilities { get; }

    /// <summary>Whether the adapter numbers global positions 1, 2, 3… with no gaps, even after failed appends.</summary>
    protected bool PositionsAreGapFree => Capabilities.GapFreePositions;

    /// <summary>What each event's hash links to; decides how the suite verifies the chain.</summary>
    protected HashChainScope ChainScope => Capabilities.Chain;

    /// <summary>
    /// Whether an event id already used in one stream is refused in another. EventStoreDB keeps no
    /// index by event id, so its adapter checks only the target stream's newest events and says false.
    /// </summary>
    protected virtual bool EventIdsAreUniqueAcrossStreams => true;

    /// <summary>Creates a fresh, empty store in storage of its own that reads time from <paramref name="clock"/>.</summary>
    protected abstract Task<IEventStore> CreateStoreAsync(TimeProvider clock);

    /// <summary>Opens again the storage the last <see cref="CreateStoreAsync"/> created, with the same clock.</summary>
    protected abstract Task<IEventStore> ReopenAsync();

    /// <summary>
    /// Changes one byte of the data of the event at <paramref name="globalPosition"/> directly in the
    /// storage, bypassing the adapter, as an attacker or a bad disk would. Called while the store is
    /// closed. The suite's event data always contains a marker unique to the event (see <see cref="TestEvents"/>).
    /// </summary>
    protected abstract Task TamperWithStoredEventAsync(long globalPosition);

    /// <summary>
    /// Whether the adapter keeps a head record beside the log (<see cref="IRecordsChainHead"/>), moved with
    /// every append, against which a cut tail shows without a witness kept outside.
    /// </summary>
    protected virtual bool RecordsHead => true;

    /// <summary>
    /// Deletes every event after global position <paramref name="lastKept"/> (0: all of them) directly in
    /// the storage, bypassing the adapter and its triggers, as someone with write access would. With
    /// <paramref name="moveHead"/> the head record is rewritten to match, as a careful attacker would:
    /// what is left is then a consistent, shorter log. Called while the store is closed.
    /// </summary>
    protected abstract Task CutTailAsync(long lastKept, bool moveHead);

    public virtual async Task InitializeAsync() => _store = await CreateStoreAsync(Clock);

    public virtual async Task DisposeAsync() => await CloseStoreAsync();

    protected async Task CloseStoreAsync()
    {
        if (_store is { } store)
        {
            _store = null;
            await store.DisposeAsync();
        }
    }

    protected async Task ReopenStoreAsync()
    {
        await CloseStoreAsync();
        _store = await ReopenAsync();
    }

    protected Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, params EventData[] events) =>
        Store.AppendAsync(stream, expected, events);

    /// <summary>Re-walks the chain the way <see cref="ChainScope"/> says the adapter links it.</summary>
    protected Task<ChainVerification> VerifyChainAsync() =>
        ChainVerifier.VerifyAsync(Store, Capabilities);

    protected async Task<List<RecordedEvent>> ReadAllForwardsAsync() => await Store.ReadAllAsync().ToListAsync();

    protected async Task<List<RecordedEvent>> ReadStreamForwardsAsync(string stream) => await Store.ReadStreamAsync(stream).ToListAsync();

    protected static long[] Positions(IEnumerable<RecordedEvent> events) => events.Select(e => e.GlobalPosition).ToArray();

    protected static long[] Revisions(IEnumerable<RecordedEvent> events) => events.Select(e => e.StreamRevision).ToArray();

    protected static Guid[] Ids(IEnumerable<RecordedEvent> events) => events.Select(e => e.EventId).ToArray();

    protected static Guid[] Ids(IEnumerable<EventData> events) => events.Select(e => e.EventId).ToArray();

    /// <summary>Awaits <paramref name="attempt"/> and returns what it threw, or null if it succeeded.</summary>
    protected static async Task<Exception?> OutcomeOf(Task attempt)
    {
        try
        {
            await attempt;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
