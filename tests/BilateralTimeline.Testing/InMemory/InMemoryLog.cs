using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Testing.InMemory;

/// <summary>
/// The storage behind <see cref="InMemoryEventStore"/>, the in-memory counterpart of a database file: it
/// outlives the stores opened on it, so a test can close a store, change the log behind its back
/// (<see cref="AlterData"/>, <see cref="DeleteAfter"/>) and open it again. A head record is kept beside
/// the events and moved with every append, as the SQLite and PostgreSQL stores keep theirs.
/// </summary>
public sealed class InMemoryLog
{
    private readonly List<RecordedEvent> _events = [];
    private readonly Dictionary<Guid, RecordedEvent> _byId = [];
    private readonly Dictionary<string, List<RecordedEvent>> _byStream = new(StringComparer.Ordinal);
    private TaskCompletionSource _appended = NewSignal();

    internal object Gate { get; } = new();

    internal ChainHead Head { get; private set; } = ChainHead.Empty;

    internal DateTimeOffset LastRecorded { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Completes at the next append; taken before a read so that an append during the read still wakes the reader.</summary>
    internal Task NextAppend
    {
        get
        {
            lock (Gate)
            {
                return _appended.Task;
            }
        }
    }

    internal IReadOnlyList<RecordedEvent> Events => _events;

    /// <summary>The head record and the last event; they differ only after a change behind the store's back.</summary>
    internal HeadSnapshot Snapshot() => new(Head, _events.Count == 0 ? null : new ChainHead(_events[^1].GlobalPosition, _events[^1].Hash));

    internal RecordedEvent? Find(Guid eventId) => _byId.GetValueOrDefault(eventId);

    internal IReadOnlyList<RecordedEvent> Stream(string stream) => _byStream.TryGetValue(stream, out var events) ? events : [];

    internal long CurrentRevision(string stream) => _byStream.TryGetValue(stream, out var events) ? events[^1].StreamRevision : -1;

    /// <summary>Adds a whole append under <see cref="Gate"/>; the caller checked everything first, so nothing here can fail halfway.</summary>
    internal void Commit(IReadOnlyList<RecordedEvent> events)
    {
        foreach (var e in events)
        {
            Add(e);
        }
        var last = events[^1];
        Head = new ChainHead(last.GlobalPosition, last.Hash);
        LastRecorded = last.Recorded;
        Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
    }

    /// <summary>Changes one byte of the data of the event at <paramref name="globalPosition"/>, as a bad disk would.</summary>
    public void AlterData(long globalPosition)
    {
        lock (Gate)
        {
            var at = _events.FindIndex(e => e.GlobalPosition == globalPosition);
            if (at < 0)
            {
                throw new InvalidOperationException($"no event at position {globalPosition}");
            }
            var data = _events[at].Data.ToArray();
            data[Math.Min(2, data.Length - 1)] ^= 1;
            Rebuild(_events.Select((e, i) => i == at ? e with { Data = data } : e).ToList());
        }
    }

    /// <summary>
    /// Deletes every event after <paramref name="lastKept"/>, as someone with write access would; with
    /// <paramref name="moveHead"/> the head record is rewritten to match, so what is left is a consistent, shorter log.
    /// </summary>
    public void DeleteAfter(long lastKept, bool moveHead)
    {
        lock (Gate)
        {
            Rebuild(_events.Where(e => e.GlobalPosition <= lastKept).ToList());
            if (moveHead)
            {
                Head = _events.Count == 0 ? ChainHead.Empty : new ChainHead(_events[^1].GlobalPosition, _events[^1].Hash);
            }
        }
    }

    private void Rebuild(List<RecordedEvent> kept)
    {
        _events.Clear();
        _byId.Clear();
        _byStream.Clear();
        foreach (var e in kept)
        {
            Add(e);
        }
    }

    private void Add(RecordedEvent e)
    {
        _events.Add(e);
        _byId.Add(e.EventId, e);
        if (!_byStream.TryGetValue(e.Stream, out var stream))
        {
            _byStream[e.Stream] = stream = [];
        }
        stream.Add(e);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
