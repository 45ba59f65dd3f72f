using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.Views;

/// <summary>
/// One dyad's stream held decoded in memory, with the fold's state at every <see cref="Spacing"/>-th
/// event, so a view at any known-at is a checkpoint plus at most one spacing of already decoded events:
/// the log is read once (then only its tail), never decoded twice. Checkpoints share every map node
/// the events between them did not touch, so they cost what changed, not the whole ledger.
/// </summary>
/// <remarks>Not thread-safe: <see cref="LedgerIndex"/> serialises the calls per dyad.</remarks>
internal sealed class DyadIndex(DyadId dyad, int firstSpacing, int maxCheckpoints)
{
    // Few: each cached view keeps what the projections derived from it (entries, state parts), which at a
    // million events weighs hundreds of megabytes, and random known-ats rarely ask for the same view twice.
    private const int CachedViews = 3;

    // Per stream event, decoded or not: unknown types are skipped by the fold but still end a known-at.
    private readonly List<LedgerEnvelope?> _events = [];
    private readonly List<DateTimeOffset> _recordedUpTo = [];
    private readonly List<LedgerView> _checkpoints = [];
    private readonly Dictionary<int, LedgerView> _views = [];
    private readonly Queue<int> _viewOrder = new();
    private LedgerView.Builder _head = LedgerView.Create().ToBuilder();
    private long _lastRevision = -1;
    private ReadOnlyMemory<byte> _lastHash;
    private (int At, DamagedLogException Error)? _failure;
    private DateTimeOffset? _unreadableRecorded;

    internal int Spacing { get; private set; } = Math.Max(1, firstSpacing);

    /// <summary>Times the index was thrown away because the stream no longer matched what it had folded.</summary>
    internal int Rebuilds { get; private set; }

    /// <summary>Folds what was appended since the last call; starts over when the stream was changed behind our back.</summary>
    public async Task CatchUpAsync(IEventStore store, CancellationToken cancellationToken)
    {
        if (_lastRevision >= 0 && !await StillMatchesAsync(store, cancellationToken).ConfigureAwait(false))
        {
            Reset();
            Rebuilds++;
        }
        await foreach (var recorded in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, _lastRevision + 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            Add(recorded);
        }
    }

    /// <summary>
    /// Whether the events folded so far answer <paramref name="knownAt"/> whatever follows them: one of
    /// them was recorded after it, which is where <see cref="LedgerReader.ReadAsync"/> stops reading.
    /// </summary>
    public bool Answers(DateTimeOffset? knownAt) =>
        knownAt is { } t && (CountRecordedBy(t) < _events.Count || _unreadableRecorded > t);

    /// <summary>The ledger as known at <paramref name="knownAt"/>, as <see cref="LedgerView.LoadAsync"/> would fold it.</summary>
    public LedgerView At(DateTimeOffset? knownAt)
    {
        var count = knownAt is { } t ? CountRecordedBy(t) : _events.Count;
        if (_failure is { } failure && count > failure.At)
        {
            throw failure.Error;
        }
        if (_views.TryGetValue(count, out var cached))
        {
            return cached;
        }
        var view = Fold(count);
        _views[count] = view;
        _viewOrder.Enqueue(count);
        if (_viewOrder.Count > CachedViews)
        {
            _views.Remove(_viewOrder.Dequeue());
        }
        return view;
    }

    private async Task<bool> StillMatchesAsync(IEventStore store, CancellationToken cancellationToken)
    {
        await foreach (var last in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, _lastRevision, 1, cancellationToken).ConfigureAwait(false))
        {
            return last.StreamRevision == _lastRevision && last.Hash.Span.SequenceEqual(_lastHash.Span);
        }
        return false;
    }

    private void Reset()
    {
        _events.Clear();
        _recordedUpTo.Clear();
        _checkpoints.Clear();
        _views.Clear();
        _viewOrder.Clear();
        _head = LedgerView.Create().ToBuilder();
        _lastRevision = -1;
        _lastHash = default;
        _failure = null;
        _unreadableRecorded = null;
        Spacing = Math.Max(1, firstSpacing);
    }

    private void Add(RecordedEvent recorded)
    {
        // Decoded first: an event that does not decode throws before the index changes, so the next catch-up
        // retries it cleanly; its time is kept, as the full fold stops before it for any earlier known-at.
        LedgerEnvelope? envelope;
        try
        {
            envelope = LedgerReader.ToEnvelope(recorded);
        }
        catch
        {
            _unreadableRecorded = recorded.Recorded;
            throw;
        }
        _unreadableRecorded = null;
        if (_events.Count % Spacing == 0)
        {
            _checkpoints.Add(_head.ToImmutable());
            if (_checkpoints.Count > maxCheckpoints)
            {
                Thin();
            }
        }
        _events.Add(envelope);
        _recordedUpTo.Add(_recordedUpTo.Count > 0 && _recordedUpTo[^1] > recorded.Recorded ? _recordedUpTo[^1] : recorded.Recorded);
        _lastRevision = recorded.StreamRevision;
        _lastHash = recorded.Hash.ToArray();
        if (envelope is not null && _failure is null)
        {
            try
            {
                _head.Apply(envelope);
            }
            catch (Exception e) when (FoldFailure.IsFoldFailure(e))
            {
                // The full fold fails for every known-at from this event on, and only for those.
                _failure = (_events.Count - 1, FoldFailure.At(envelope.Position, EventTypes.NameOf(envelope.Event), e));
            }
        }
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
        int low = 0, high = _recordedUpTo.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_recordedUpTo[mid] > knownAt)
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

    private LedgerView Fold(int count)
    {
        if (count == _events.Count && _failure is null)
        {
            return _head.ToImmutable();
        }
        var checkpoint = Math.Min(count / Spacing, _checkpoints.Count - 1);
        if (checkpoint < 0)
        {
            return LedgerView.Create();
        }
        var builder = _checkpoints[checkpoint].ToBuilder();
        for (var i = checkpoint * Spacing; i < count; i++)
        {
            if (_events[i] is { } envelope)
            {
                builder.Apply(envelope);
            }
        }
        return builder.ToImmutable();
    }
}
