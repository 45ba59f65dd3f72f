using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Versions;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.Views;

/// <summary>
/// One dyad's stream folded once, with the fold's state at every <see cref="Spacing"/>-th event, so a
/// view at any known-at is a checkpoint plus at most one spacing of events re-read from the store. Per
/// event only its recording time stays in memory (eight bytes, what the known-at cut needs): holding
/// the decoded events cost more than the fold itself at a million events. Checkpoints share every map
/// node the events between them did not touch, so they cost what changed, not the whole ledger.
/// </summary>
/// <remarks>
/// <see cref="CatchUpAsync"/> changes the index and runs alone (<see cref="LedgerIndex"/>'s gate); the questions
/// (<see cref="StateAt"/>, <see cref="TimelineAsync"/>, <see cref="AtAsync"/>) only read what it left, side by side.
/// </remarks>
internal sealed class DyadIndex(DyadId dyad, int firstSpacing, int maxCheckpoints)
{
    // Few: each cached view keeps what the projections derived from it (entries, state parts), which at a
    // million events weighs hundreds of megabytes, and random known-ats rarely ask for the same view twice.
    private const int CachedViews = 3;

    // Per stream event, readable or not (unknown types are skipped by the fold but still end a known-at):
    // the latest recording time (UTC ticks) up to it, so the array is sorted even if a clock stepped back.
    private long[] _recordedUpTo = new long[1024];
    private int _count;
    private readonly List<Checkpoint> _checkpoints = [];
    private readonly Dictionary<int, LedgerView> _views = [];
    private readonly Queue<int> _viewOrder = new();
    private LedgerView.Builder _head = LedgerView.Create().ToBuilder();
    private EntryLog _entries = new();
    // The entry versions in the timeline's order (following _entries) and what a page needs beside them.
    private readonly TimelineOrder _timeline = new();
    private readonly TimelineSides _timelineSides = new();
    private long _lastRevision = -1;
    private ReadOnlyMemory<byte> _lastHash;
    private (int At, DamagedLogException Error)? _failure;
    private DateTimeOffset? _unreadableRecorded;
    // Set by a question that found its re-read range changed, read by the next catch-up.
    private volatile bool _stale;
    // Folding a view re-reads the store through the one decoder: one fold at a time; the cache beside it.
    private readonly SemaphoreSlim _folding = new(1, 1);

    // The replay's shape-exact reader: faster than the general serializer on the catch-up and on every
    // re-read range, and its pool shares the strings and grades that repeat across a dyad's claims.
    private readonly ReplayDecoder _decoder = new();

    internal int Spacing { get; private set; } = Math.Max(1, firstSpacing);

    /// <summary>Times the index was thrown away because the stream no longer matched what it had folded.</summary>
    internal int Rebuilds { get; private set; }

    /// <summary>Folds what was appended since the last call; starts over when the stream was changed behind our back.</summary>
    public async Task CatchUpAsync(IEventStore store, CancellationToken cancellationToken)
    {
        if (_stale || (_lastRevision >= 0 && !await StillMatchesAsync(store, cancellationToken).ConfigureAwait(false)))
        {
            StartOver();
        }
        try
        {
            await foreach (var recorded in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, _lastRevision + 1, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                Add(recorded);
            }
        }
        finally
        {
            // Even when an unreadable event stopped it: the questions that follow only read, so what they
            // would otherwise put in order on first use is ordered here, while nothing else runs.
            _entries.Settle();
            _timeline.Follow(_entries);
            _timeline.Prepare();
        }
    }

    /// <summary>
    /// Whether <see cref="CatchUpAsync"/> has anything to do: an event after the last one folded, or the stream
    /// no longer holding that one (it then starts over). Reads at most two single events and changes nothing.
    /// </summary>
    public async Task<bool> BehindAsync(IEventStore store, CancellationToken cancellationToken)
    {
        if (_stale || _lastRevision < 0 || !await StillMatchesAsync(store, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }
        await foreach (var _ in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, _lastRevision + 1, 1, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }
        return false;
    }

    /// <summary>Every version of every timeline entry, per event count (see <see cref="EntryLog"/>); replaced when the index starts over.</summary>
    internal EntryLog Entries => _entries;

    /// <summary>The relationship state as <see cref="RelationshipStateProjection.Build(string, LedgerView, DateOnly, DateTimeOffset?, int, int?)"/> answers it for <see cref="AtAsync"/>'s view, from the entry log: no fold, no re-read.</summary>
    public RelationshipStateView StateAt(DateOnly asOf, DateTimeOffset? knownAt, int skip, int? limit)
    {
        var count = knownAt is { } t ? CountRecordedBy(t) : _count;
        if (_failure is { } failure && count > failure.At)
        {
            throw failure.Error;
        }
        return _entries.StateAt(dyad.ToString(), count, asOf, knownAt, skip, limit);
    }

    /// <summary>
    /// A page of the timeline as <see cref="TimelineProjection.Build(string, LedgerView, DateOnly, DateTimeOffset?, TimelineWindow)"/>
    /// answers it for <see cref="AtAsync"/>'s view, from the entry versions in the timeline's order: a view is
    /// folded only for tenure findings, once a claim that vacates an office has been recorded.
    /// </summary>
    public Task<TimelineView> TimelineAsync(IEventStore store, DateOnly asOf, DateTimeOffset? knownAt, TimelineWindow window, CancellationToken cancellationToken)
    {
        var count = knownAt is { } t ? CountRecordedBy(t) : _count;
        if (_failure is { } failure && count > failure.At)
        {
            throw failure.Error;
        }
        return TimelinePage.BuildAsync(
            dyad.ToString(), _timeline, _timelineSides, count, _entries.LastPositionAt(count), asOf, knownAt, window,
            () => AtAsync(store, knownAt, cancellationToken));
    }

    /// <summary>
    /// Whether the events folded so far answer <paramref name="knownAt"/> whatever follows them: one of
    /// them was recorded after it, which is where <see cref="LedgerReader.ReadAsync"/> stops reading.
    /// </summary>
    public bool Answers(DateTimeOffset? knownAt) =>
        knownAt is { } t && (CountRecordedBy(t) < _count || _unreadableRecorded > t);

    /// <summary>The ledger as known at <paramref name="knownAt"/>, as <see cref="LedgerView.LoadAsync"/> would fold it.</summary>
    public async Task<LedgerView> AtAsync(IEventStore store, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var count = knownAt is { } t ? CountRecordedBy(t) : _count;
        if (_failure is { } failure && count > failure.At)
        {
            throw failure.Error;
        }
        await _folding.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_views.TryGetValue(count, out var cached))
            {
                return cached;
            }
            var view = await FoldAsync(store, count, cancellationToken).ConfigureAwait(false);
            _views[count] = view;
            _viewOrder.Enqueue(count);
            if (_viewOrder.Count > CachedViews)
            {
                _views.Remove(_viewOrder.Dequeue());
            }
            return view;
        }
        finally
        {
            _folding.Release();
        }
    }

    private async Task<bool> StillMatchesAsync(IEventStore store, CancellationToken cancellationToken)
    {
        await foreach (var last in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, _lastRevision, 1, cancellationToken).ConfigureAwait(false))
        {
            return last.StreamRevision == _lastRevision && last.Hash.Span.SequenceEqual(_lastHash.Span);
        }
        return false;
    }

    private void StartOver()
    {
        _count = 0;
        _checkpoints.Clear();
        _views.Clear();
        _viewOrder.Clear();
        _head = LedgerView.Create().ToBuilder();
        _entries = new EntryLog();
        _timelineSides.Clear();
        _lastRevision = -1;
        _lastHash = default;
        _failure = null;
        _unreadableRecorded = null;
        _stale = false;
        Spacing = Math.Max(1, firstSpacing);
        Rebuilds++;
    }

    private void Add(RecordedEvent recorded)
    {
        // Decoded first: an event that does not decode throws before the index changes, so the next catch-up
        // retries it cleanly; its time is kept, as the full fold stops before it for any earlier known-at.
        LedgerEnvelope? envelope;
        try
        {
            envelope = _decoder.Decode(recorded);
        }
        catch
        {
            _unreadableRecorded = recorded.Recorded;
            throw;
        }
        _unreadableRecorded = null;
        if (_count % Spacing == 0)
        {
            _checkpoints.Add(new Checkpoint(_head.ToImmutable(), recorded.StreamRevision, recorded.Hash.ToArray()));
            if (_checkpoints.Count > maxCheckpoints)
            {
                Thin();
            }
        }
        if (_count == _recordedUpTo.Length)
        {
            Array.Resize(ref _recordedUpTo, _count * 2);
        }
        var ticks = recorded.Recorded.UtcTicks;
        _recordedUpTo[_count] = _count > 0 && _recordedUpTo[_count - 1] > ticks ? _recordedUpTo[_count - 1] : ticks;
        _count++;
        _lastRevision = recorded.StreamRevision;
        _lastHash = recorded.Hash.ToArray();
        if (envelope is not null && _failure is null)
        {
            try
            {
                _entries.Apply(_head, envelope);
            }
            catch (Exception e) when (FoldFailure.IsFoldFailure(e))
            {
                // The full fold fails for every known-at from this event on, and only for those.
                _failure = (_count - 1, FoldFailure.At(envelope.Position, EventTypes.NameOf(envelope.Event), e));
            }
        }
        else
        {
            _entries.Skip();
        }
        _timelineSides.Add(_count - 1, _failure is null ? envelope : null);
    }

    private void Thin()
    {
        for (var i = _checkpoints.Count - 1; i > 0; i--)
        {
            if (i % 2 == 1)
            {
                _checkpoints.RemoveAt(i);
            }
        }
        Spacing *= 2;
    }

    /// <summary>How many events LedgerReader yields for this known-at: all before the first one recorded after it.</summary>
    private int CountRecordedBy(DateTimeOffset knownAt)
    {
        var ticks = knownAt.UtcTicks;
        int low = 0, high = _count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_recordedUpTo[mid] > ticks)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return low;
    }

    private async Task<LedgerView> FoldAsync(IEventStore store, int count, CancellationToken cancellationToken)
    {
        if (count == _count && _failure is null)
        {
            return _head.ToImmutable();
        }
        var index = Math.Min(count / Spacing, _checkpoints.Count - 1);
        if (index < 0)
        {
            return LedgerView.Create();
        }
        var checkpoint = _checkpoints[index];
        var builder = checkpoint.View.ToBuilder();
        var wanted = count - (index * Spacing);
        var read = 0;
        await foreach (var recorded in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, checkpoint.Revision, wanted, cancellationToken).ConfigureAwait(false))
        {
            // The tail was checked by the catch-up just before; the checkpoint's own event proves the range starts where it did.
            if (read == 0 && (recorded.StreamRevision != checkpoint.Revision || !recorded.Hash.Span.SequenceEqual(checkpoint.Hash)))
            {
                throw Changed();
            }
            read++;
            if (_decoder.Decode(recorded) is { } envelope)
            {
                builder.Apply(envelope);
            }
        }
        if (read != wanted)
        {
            throw Changed();
        }
        return builder.ToImmutable();
    }

    private StreamChangedException Changed()
    {
        _stale = true;
        return new StreamChangedException(dyad.StreamName);
    }

    /// <summary>The fold before the event at <paramref name="Revision"/>, and that event's hash to recognise it when the range is read again.</summary>
    private sealed record Checkpoint(LedgerView View, long Revision, byte[] Hash);

    /// <summary>The range a view re-reads is no longer what the index folded: the next catch-up starts over.</summary>
    internal sealed class StreamChangedException(string stream)
        : Exception($"the stream {stream} changed while its index re-read it");
}
