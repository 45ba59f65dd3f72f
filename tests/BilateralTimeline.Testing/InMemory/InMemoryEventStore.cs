using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.EventStore.Shared;

namespace BilateralTimeline.Testing.InMemory;

/// <summary>
/// An <see cref="IEventStore"/> in memory, for handler tests that need a store but not a file: it passes
/// the same contract suite as the SQLite and PostgreSQL stores (gap-free positions, one hash chain over
/// the log, a head record, idempotent appends, catch-up subscriptions), using the port's shared rules
/// (<see cref="AppendLimits"/>, <see cref="AppendReplay"/>, <see cref="HashChain"/>) so that it refuses and
/// chains exactly as they do. Nothing survives the process.
/// </summary>
public sealed class InMemoryEventStore(InMemoryLog log, TimeProvider clock) : IEventStore, IRecordsChainHead
{
    private int _disposed;

    /// <summary>A store on a fresh, empty log.</summary>
    public InMemoryEventStore(TimeProvider clock)
        : this(new InMemoryLog(), clock)
    {
    }

    /// <summary>The same promises as the embedded and PostgreSQL stores: positions 1, 2, 3…, one chain over the log.</summary>
    public static StoreCapabilities Capabilities { get; } = new("in-memory", GapFreePositions: true);

    /// <summary>The storage, to open it again or change it behind the store's back in tests of tamper evidence.</summary>
    public InMemoryLog Log { get; } = log;

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        AppendLimits.Validate(stream, events);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            lock (Log.Gate)
            {
                return Task.FromResult(Append(stream, expected, events));
            }
        }
        catch (EventStoreException e)
        {
            // Refusals travel in the task, as from the database stores: a caller awaiting it sees them, one holding it does too.
            return Task.FromException<AppendResult>(e);
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<RecordedEvent> page;
        lock (Log.Gate)
        {
            var events = Log.Stream(stream);
            page = Take(direction == ReadDirection.Forwards
                ? events.Where(e => e.StreamRevision >= fromRevision)
                : events.Reverse().Where(e => e.StreamRevision <= fromRevision), maxCount);
        }
        foreach (var e in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<RecordedEvent> page;
        lock (Log.Gate)
        {
            page = Take(direction == ReadDirection.Forwards
                ? Log.Events.Where(e => e.GlobalPosition >= fromPosition)
                : Log.Events.Reverse().Where(e => e.GlobalPosition <= fromPosition), maxCount);
        }
        foreach (var e in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = checkpoint ?? 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var woken = Log.NextAppend;
            await foreach (var e in ReadAllAsync(after + 1, ReadDirection.Forwards, long.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                after = e.GlobalPosition;
                yield return e;
            }
            try
            {
                await woken.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    public Task<HeadSnapshot> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        lock (Log.Gate)
        {
            return Task.FromResult(Log.Snapshot());
        }
    }

    public ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _disposed, 1);
        return ValueTask.CompletedTask;
    }

    /// <summary>Under the log's gate: every check first, then one commit, so an append lands whole or not at all.</summary>
    private AppendResult Append(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events)
    {
        // As the SQLite and PostgreSQL stores do: nothing is built on, or answered from, a log whose tail is not the head's.
        if (Log.Snapshot().Check() is { } broken)
        {
            throw DamagedLogException.BrokenHead(broken.Position, broken.Problem, "refusing to append onto it, nothing was recorded");
        }
        if (AppendReplay.Find(stream, expected, events, Log.Find, () => Log.CurrentRevision(stream)) is { } replay)
        {
            return replay;
        }
        var actual = Log.CurrentRevision(stream);
        if (!expected.IsSatisfiedBy(actual))
        {
            throw new WrongExpectedRevisionException(stream, expected, actual);
        }
        // Transaction time never goes backwards, even if the clock does.
        var now = HashChain.TruncateToMicroseconds(clock.GetUtcNow());
        var recorded = now > Log.LastRecorded ? now : Log.LastRecorded;
        var previous = Log.Head.Hash;
        var position = Log.Head.Position;
        var revision = actual;
        var written = new List<RecordedEvent>(events.Count);
        foreach (var e in events)
        {
            if (Log.Find(e.EventId) is { } stored)
            {
                // A later id of the batch is stored already: the batch as a whole is not a replay.
                throw new DuplicateEventIdException(e.EventId, stored.Stream);
            }
            position++;
            revision++;
            // Copies, as a database keeps them: the caller's buffer or metadata object may change after the append.
            var data = e.Data.ToArray();
            var metadata = MetadataJson.Serialize(e.Metadata);
            var hash = HashChain.Link(previous.Span, stream, revision, e.EventId, e.Type, recorded, data, metadata);
            written.Add(new RecordedEvent(stream, revision, position, e.EventId, e.Type, data, MetadataJson.Deserialize(metadata), recorded, hash));
            previous = hash;
        }
        Log.Commit(written);
        return new AppendResult(revision, position, AlreadyRecorded: false);
    }

    private static List<RecordedEvent> Take(IEnumerable<RecordedEvent> events, long maxCount) =>
        events.Take((int)Math.Min(maxCount, int.MaxValue)).ToList();
}
