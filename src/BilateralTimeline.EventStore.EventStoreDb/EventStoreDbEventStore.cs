using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.EventStore.Shared;
using WireEvent = BilateralTimeline.EventStore.EventStoreDb.Protocol.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace BilateralTimeline.EventStore.EventStoreDb;

/// <summary>
/// The port over an EventStoreDB server (24.x) through our own gRPC client. How the port maps onto
/// EventStoreDB's model, and why:
/// <list type="bullet">
/// <item>Expected revision: our any / no stream / exact are EventStoreDB's any / no_stream / revision. We
/// still send the exact revision we read even when the caller said "any", because each event's hash
/// links to its stream's previous event (see below) and only an exact expectation makes the server
/// refuse an append whose predecessor changed under us; on that refusal an "any" append re-reads and retries.</item>
/// <item>wrong_expected_version arrives in-band with status OK; it becomes <see cref="WrongExpectedRevisionException"/>
/// carrying the caller's expectation and the server's current revision (-1 for current_no_stream).</item>
/// <item>Idempotency: the server acknowledges a resend of the same ids at the same expected revision with the
/// original positions (vector 03) but cannot say it was a resend, does not compare content, and does not
/// know ids of other streams. So the store checks the stream's newest events itself before appending:
/// same ids and content → <see cref="AppendResult.AlreadyRecorded"/>; same id, other content → <see cref="DuplicateEventIdException"/>.</item>
/// <item>Global position = the $all commit position: strictly increasing, not consecutive (a byte offset in the
/// transaction log), so <see cref="Capabilities"/> says GapFreePositions: false.</item>
/// <item>Tamper evidence: EventStoreDB commits appends to different streams concurrently, so no writer knows the
/// log's previous event when it hashes. The chain is per stream instead, guarded by the exact expected revision,
/// and `bt verify` adds a digest over $all (<see cref="HashChainScope.Stream"/>). Hash and recorded time travel
/// in the event's custom metadata (<see cref="ChainMetadata"/>).</item>
/// <item>Catch-up subscriptions are one Read with the subscription option and a stream-prefix filter for our
/// categories; a dropped connection resubscribes after the last delivered position and skips anything at or
/// before it, so the caller sees no loss and no duplicate.</item>
/// </list>
/// </summary>
public sealed class EventStoreDbEventStore : IEventStore
{
    // Each round lets at least one racing writer through, so this bounds the wait of a writer among many.
    private const int MaxAppendAttempts = 64;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(5);

    private readonly LeaderConnection _connection;
    private readonly TimeProvider _clock;
    private readonly EventStoreDbStoreOptions _options;
    private readonly IReadOnlyList<string> _prefixes;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TailKnowledge> _tails = new(StringComparer.Ordinal);
    private readonly Lock _highWaterLock = new();
    private DateTimeOffset _highWater = DateTimeOffset.MinValue;
    private int _disposed;

    private EventStoreDbEventStore(LeaderConnection connection, TimeProvider clock, EventStoreDbStoreOptions options, string serverVersion)
    {
        _connection = connection;
        _clock = clock;
        _options = options;
        _prefixes = options.StreamPrefixes;
        ServerVersion = serverVersion;
    }

    /// <summary>What to register beside this store: positions have gaps; hashes chain per stream.</summary>
    public static StoreCapabilities Capabilities { get; } = new("eventstoredb", GapFreePositions: false, HashChainScope.Stream);

    /// <summary>The node this store talks to (the leader when several were given).</summary>
    public Uri Endpoint => Client.Address;

    private EsdbClient Client => _connection.Client;

    /// <summary>The version the server reported when the store was opened, e.g. "24.6.0".</summary>
    public string ServerVersion { get; }

    /// <summary>Connects to the timeline's streams ("dyad-…") in the database the connection string names.</summary>
    /// <exception cref="ArgumentException">The connection string is not one this client supports; the message names the part.</exception>
    /// <exception cref="EventStoreUnavailableException">No node answered, or none was the leader.</exception>
    public static Task<EventStoreDbEventStore> OpenAsync(string connectionString, TimeProvider clock, CancellationToken cancellationToken = default) =>
        OpenAsync(connectionString, clock, EventStoreDbStoreOptions.Default, cancellationToken);

    /// <inheritdoc cref="OpenAsync(string, TimeProvider, CancellationToken)"/>
    public static async Task<EventStoreDbEventStore> OpenAsync(string connectionString, TimeProvider clock, EventStoreDbStoreOptions options, CancellationToken cancellationToken = default)
    {
        EsdbConnectionString settings;
        try
        {
            settings = EsdbConnectionString.Parse(connectionString);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--connection: {e.Message}", nameof(connectionString), e);
        }
        var connection = await LeaderConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
        try
        {
            // The first contact: a failure here is most likely the address or tls= (the error says so), so it is not retried.
            var features = await connection.Client.GetSupportedMethodsAsync(cancellationToken).ConfigureAwait(false);
            if (!features.Methods.Any(m => m.ServiceName == "event_store.client.streams.streams" && m.MethodName == "read"))
            {
                throw new EventStoreUnavailableException($"the server at {connection.Client.Address} answers gRPC but offers no EventStoreDB Streams.Read; is it an EventStoreDB node?");
            }
            return new EventStoreDbEventStore(connection, clock, options, features.EventStoreServerVersion);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        AppendLimits.Validate(stream, events);
        ThrowIfDisposed();
        var server = ToServer(stream);
        for (var attempt = 1; ; attempt++)
        {
            if (await TryAppendAsync(stream, server, expected, events, attempt, cancellationToken).ConfigureAwait(false) is { } result)
            {
                return result;
            }
        }
    }

    /// <summary>
    /// One round: the tail (known from a read, or read now), decide, append. Null means another writer got
    /// in between: go round again, reading the tail.
    /// </summary>
    private async Task<AppendResult?> TryAppendAsync(string stream, string server, ExpectedRevision expected, IReadOnlyList<EventData> events, int attempt, CancellationToken cancellationToken)
    {
        var known = attempt == 1 ? KnownTailFor(server, expected) : null;
        var tail = known ?? await ReadTailAsync(server, cancellationToken).ConfigureAwait(false);
        var last = tail.Count == 0 ? -1 : tail[0].StreamRevision;
        if (await FindEarlierAppendAsync(stream, server, expected, events, tail, last, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }
        if (!expected.IsSatisfiedBy(last))
        {
            throw new WrongExpectedRevisionException(stream, expected, last);
        }
        var (proposed, recorded) = Chain(stream, last, tail.Count == 0 ? null : tail[0], events);
        EsdbAppendOutcome outcome;
        try
        {
            // Re-sent as it is after a failover: same ids, same exact revision, so if the first one landed the
            // server answers with its positions instead of writing it twice.
            outcome = await _connection.RunAsync(c => c.AppendAsync(server, EsdbExpected.FromLastRevision(last), proposed, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Whatever happened, the next append to this stream reads its tail first: only a read is
            // proof of what the stream holds (see KnownTailFor).
            _tails[server] = TailKnowledge.Unconfirmed;
        }
        switch (outcome)
        {
            case EsdbAppendOutcome.Written written:
                RaiseHighWater(recorded);
                return new AppendResult((long)written.CurrentRevision, (long)written.CommitPosition, AlreadyRecorded: false);
            case EsdbAppendOutcome.WrongExpectedVersion wrong when attempt >= MaxAppendAttempts:
                throw new WrongExpectedRevisionException(stream, expected, wrong.CurrentRevision is { } current ? (long)current : -1);
            default:
                // Another writer got in between our read and our append: look again. For an exact
                // expectation the next round reports the conflict (or finds our own earlier append).
                return null;
        }
    }

    /// <summary>
    /// The tail an append may use instead of reading it (one round trip instead of two), or null to read it.
    /// The append is sent with the exact revision of that tail, so if the stream moved on the server refuses
    /// it and the next round reads. Usable: the tail a complete read of the stream just saw, when the caller
    /// expects that revision or any (every bt command loads the stream before appending); or no stream,
    /// when the caller expects none and this store has neither read nor written it. What the server cannot
    /// tell us in those cases is whether another writer had already stored these very event ids right after
    /// that revision: it then acknowledges with the original positions (its idempotency), which we report as
    /// written, without comparing content. A tail this store inferred from its own append is never used: if
    /// the server answered one as such a resend, the hashes we computed are not the stored ones.
    /// </summary>
    private List<RecordedEvent>? KnownTailFor(string server, ExpectedRevision expected)
    {
        if (!_tails.TryGetValue(server, out var known))
        {
            return expected == ExpectedRevision.NoStream ? [] : null;
        }
        return known.NewestFirst is { } tail && expected.IsSatisfiedBy(tail.Count == 0 ? -1 : tail[0].StreamRevision) ? tail : null;
    }

    /// <summary>What this store knows of a stream's tail: read (usable once) or only inferred (read again).</summary>
    private sealed record TailKnowledge(List<RecordedEvent>? NewestFirst)
    {
        public static TailKnowledge Unconfirmed { get; } = new((List<RecordedEvent>?)null);
    }

    /// <summary>The stream's newest events, newest first: the predecessor to chain to and the ids to check.</summary>
    private async Task<List<RecordedEvent>> ReadTailAsync(string server, CancellationToken cancellationToken)
    {
        var page = await ReadStreamPageAsync(server, EsdbStreamStart.End, backwards: true, (ulong)Math.Max(1, _options.IdempotencyWindow), cancellationToken).ConfigureAwait(false);
        return page.Select(ToPort).ToList();
    }

    /// <summary>
    /// One page of a stream from the leader (whatever nodePreference says: an append must check the
    /// newest events), read again on the new leader after a failover.
    /// </summary>
    private Task<List<WireEvent>> ReadStreamPageAsync(string server, EsdbStreamStart start, bool backwards, ulong count, CancellationToken cancellationToken) =>
        _connection.RunAsync(c => c.ReadStreamAsync(server, start, backwards, count, structuredIds: false, cancellationToken).ToListAsync(cancellationToken).AsTask(), cancellationToken);

    /// <summary>
    /// Recognises a resend of an append that already landed: for an exact expectation the events right
    /// after the expected revision, for "any" the events from the first id on. Returns null when this is
    /// a new append; throws when one of its ids is stored with other content.
    /// </summary>
    private async Task<AppendResult?> FindEarlierAppendAsync(string stream, string server, ExpectedRevision expected, IReadOnlyList<EventData> events, List<RecordedEvent> tail, long last, CancellationToken cancellationToken)
    {
        List<RecordedEvent>? earlier = null;
        if (!expected.IsAny && last > expected.ToInt64())
        {
            var from = expected.ToInt64() + 1;
            var page = await ReadStreamPageAsync(server, from == 0 ? EsdbStreamStart.Start : EsdbStreamStart.At((ulong)from), backwards: false, (ulong)events.Count, cancellationToken).ConfigureAwait(false);
            earlier = page.Select(ToPort).ToList();
        }
        else if (expected.IsAny && tail.FindIndex(e => e.EventId == events[0].EventId) is var at and >= 0)
        {
            earlier = tail.Take(at + 1).Reverse().Take(events.Count).ToList();
        }
        if (earlier is { Count: > 0 } && earlier[0].EventId == events[0].EventId)
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (i >= earlier.Count || !SameEvent(events[i], earlier[i]))
                {
                    throw new DuplicateEventIdException(events[Math.Min(i, events.Count - 1)].EventId, stream);
                }
            }
            return new AppendResult(earlier[^1].StreamRevision, earlier[^1].GlobalPosition, AlreadyRecorded: true);
        }
        var ids = events.Select(e => e.EventId).ToHashSet();
        var clash = tail.Concat(earlier ?? []).FirstOrDefault(e => ids.Contains(e.EventId));
        return clash is null ? null : throw new DuplicateEventIdException(clash.EventId, stream);
    }

    private static bool SameEvent(EventData sent, RecordedEvent stored) =>
        sent.EventId == stored.EventId
        && sent.Type == stored.Type
        && sent.Data.Span.SequenceEqual(stored.Data.Span)
        && MetadataJson.Serialize(sent.Metadata).AsSpan().SequenceEqual(MetadataJson.Serialize(stored.Metadata));

    /// <summary>Stamps the recorded time and links each event to its stream predecessor.</summary>
    private (EsdbProposedEvent[] Events, DateTimeOffset Recorded) Chain(string stream, long last, RecordedEvent? previous, IReadOnlyList<EventData> events)
    {
        var recorded = HashChain.TruncateToMicroseconds(_clock.GetUtcNow());
        if (previous is not null && previous.Recorded > recorded)
        {
            recorded = previous.Recorded;
        }
        lock (_highWaterLock)
        {
            // Within one process recorded time never goes back even when the wall clock does.
            recorded = recorded < _highWater ? _highWater : recorded;
        }
        var link = previous?.Hash ?? HashChain.Genesis;
        var proposed = new EsdbProposedEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var hash = HashChain.Link(link.Span, stream, last + 1 + i, e.EventId, e.Type, recorded, e.Data.Span, MetadataJson.Serialize(e.Metadata));
            proposed[i] = new EsdbProposedEvent(e.EventId, e.Type, e.Data, ChainMetadata.Write(e.Metadata, recorded, hash));
            link = hash;
        }
        return (proposed, recorded);
    }

    private void RaiseHighWater(DateTimeOffset recorded)
    {
        lock (_highWaterLock)
        {
            _highWater = recorded > _highWater ? recorded : _highWater;
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromRevision);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        ThrowIfDisposed();
        var server = ToServer(stream);
        var backwards = direction == ReadDirection.Backwards;
        var start = backwards && fromRevision == long.MaxValue ? EsdbStreamStart.End
            : fromRevision == 0 ? EsdbStreamStart.Start
            : EsdbStreamStart.At((ulong)fromRevision);
        var remaining = maxCount;
        // A complete forward read is the freshest knowledge of the stream's tail there is: the next
        // append can use it instead of reading again (see KnownTailFor).
        var tail = !backwards && fromRevision == 0 ? new Queue<RecordedEvent>() : null;
        while (remaining > 0)
        {
            var page = (int)Math.Min(remaining, _options.ReadPageSize);
            var events = await _connection.ReadAsync(c => c.ReadStreamAsync(server, start, backwards, (ulong)page, structuredIds: false, cancellationToken).ToListAsync(cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
            long lastRevision = -1;
            foreach (var wire in events)
            {
                var e = ToPort(wire);
                lastRevision = e.StreamRevision;
                if (tail is not null)
                {
                    tail.Enqueue(e);
                    if (tail.Count > _options.IdempotencyWindow)
                    {
                        tail.Dequeue();
                    }
                }
                yield return e;
            }
            remaining -= events.Count;
            if (events.Count < page || (backwards && lastRevision == 0))
            {
                if (tail is not null)
                {
                    _tails[server] = new TailKnowledge(tail.Reverse().ToList());
                }
                yield break;
            }
            start = EsdbStreamStart.At((ulong)(backwards ? lastRevision - 1 : lastRevision + 1));
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromPosition);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        ThrowIfDisposed();
        var backwards = direction == ReadDirection.Backwards;
        var remaining = maxCount;
        if (remaining == 0)
        {
            yield break;
        }
        EsdbAllStart start;
        ulong upper = ulong.MaxValue;
        ulong lower = (ulong)fromPosition;
        if (!backwards)
        {
            start = fromPosition == 0 ? EsdbAllStart.Start : EsdbAllStart.At((ulong)fromPosition);
        }
        else if (fromPosition == long.MaxValue)
        {
            start = EsdbAllStart.End;
        }
        else
        {
            // Reading $all backwards from a position excludes the event at it; ours is inclusive, so
            // that one event is fetched forwards first and the backward pages skip it.
            var at = await ReadAllPageAsync(EsdbAllStart.At((ulong)fromPosition), backwards: false, 1, cancellationToken).ConfigureAwait(false);
            if (at is null)
            {
                // No event begins there: everything before it, newest first, found from the end down.
                start = EsdbAllStart.End;
            }
            else
            {
                foreach (var e in at.Where(e => e.CommitPosition == (ulong)fromPosition && Owns(e)))
                {
                    yield return ToPort(e);
                    remaining--;
                }
                start = EsdbAllStart.At((ulong)fromPosition);
            }
            upper = (ulong)fromPosition;
        }
        while (remaining > 0)
        {
            var page = _options.ReadPageSize;
            var events = await ReadAllPageAsync(start, backwards, page, cancellationToken).ConfigureAwait(false);
            if (events is null)
            {
                // The server accepts only positions where an event begins. Any other position means
                // "the first event after it", as the other stores read it: the log is scanned from its
                // start (or end) and positions outside the range are skipped below.
                start = backwards ? EsdbAllStart.End : EsdbAllStart.Start;
                continue;
            }
            ulong lastPosition = 0;
            foreach (var e in events)
            {
                lastPosition = e.CommitPosition;
                // A page resumed at the last position may repeat that event; positions outside the range are skipped.
                var inRange = backwards ? e.CommitPosition < upper : e.CommitPosition >= lower;
                if (!inRange || !Owns(e))
                {
                    continue;
                }
                yield return ToPort(e);
                if (--remaining == 0)
                {
                    yield break;
                }
            }
            if (events.Count < page)
            {
                yield break;
            }
            start = EsdbAllStart.At(lastPosition);
            if (backwards)
            {
                upper = lastPosition;
            }
            else
            {
                lower = lastPosition + 1;
            }
        }
    }

    /// <summary>One page of $all; null when the server refuses <paramref name="start"/> as no event's position.</summary>
    private async Task<List<WireEvent>?> ReadAllPageAsync(EsdbAllStart start, bool backwards, int count, CancellationToken cancellationToken)
    {
        try
        {
            return await _connection.ReadAsync(c => c.ReadAllAsync(start, backwards, (ulong)count, structuredIds: true, cancellationToken).ToListAsync(cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidPositionException) when (start.CommitPosition is not null)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ulong? last = checkpoint is { } c ? (ulong)c : null;
        var delay = FirstRetryDelay;
        var scanFromStart = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var from = last is { } after && !scanFromStart ? EsdbAllStart.At(after) : EsdbAllStart.Start;
            var client = Client;
            Exception? lost = null;
            var messages = client.SubscribeToAllAsync(from, _prefixes, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    EsdbSubscriptionMessage message;
                    try
                    {
                        if (!await messages.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                        message = messages.Current;
                    }
                    catch (InvalidPositionException) when (!scanFromStart)
                    {
                        // A checkpoint where no event begins: from the start, dropping everything up to it below.
                        scanFromStart = true;
                        break;
                    }
                    catch (Exception failure) when (!cancellationToken.IsCancellationRequested && LeaderConnection.IsLeaderLoss(failure))
                    {
                        // Dropped connection, restarted or killed node, or a leader change: find the leader
                        // and resubscribe after the last delivered position below.
                        lost = failure;
                        break;
                    }
                    if (message is not EsdbSubscriptionMessage.Event { Recorded: var e })
                    {
                        continue;
                    }
                    // The server starts after the position it is given, but a resubscription must never
                    // deliver twice whatever the server does.
                    if (last is { } delivered && e.CommitPosition <= delivered)
                    {
                        continue;
                    }
                    last = e.CommitPosition;
                    scanFromStart = false;
                    delay = FirstRetryDelay;
                    if (Owns(e))
                    {
                        yield return ToPort(e);
                    }
                }
            }
            finally
            {
                await messages.DisposeAsync().ConfigureAwait(false);
            }
            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 > LongestRetryDelay ? LongestRetryDelay : delay * 2;
            if (lost is not null)
            {
                // Unlike a call, a subscription never gives up: each round waits longer and asks gossip again.
                await _connection.FindLeaderAsync(client, (lost as NotLeaderException)?.Leader, TimeSpan.Zero, null, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private string ToServer(string stream) => _options.Namespace + stream;

    /// <summary>Our streams: not system streams ($…), under the namespace, in one of our categories.</summary>
    private bool Owns(WireEvent e)
    {
        var name = e.StreamIdentifier.StreamName.ToStringUtf8();
        return !name.StartsWith('$')
            && name.StartsWith(_options.Namespace, StringComparison.Ordinal)
            && (_prefixes.Count == 0 || _prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)));
    }

    private RecordedEvent ToPort(WireEvent e)
    {
        var position = (long)e.CommitPosition;
        try
        {
            var name = e.StreamIdentifier.StreamName.ToStringUtf8();
            var fields = ChainMetadata.Read(e.CustomMetadata.Span);
            var recorded = fields.Recorded ?? ServerCreated(e);
            return new RecordedEvent(
                name.StartsWith(_options.Namespace, StringComparison.Ordinal) ? name[_options.Namespace.Length..] : name,
                (long)e.StreamRevision,
                position,
                EsdbUuid.FromWire(e.Id),
                e.Metadata.TryGetValue("type", out var type) ? type : "",
                e.Data.Memory,
                fields.Metadata,
                recorded,
                fields.Hash ?? ReadOnlyMemory<byte>.Empty);
        }
        catch (Exception error) when (error is FormatException or System.Text.Json.JsonException or InvalidOperationException or OverflowException)
        {
            throw new CorruptEventException(position, error.Message, error);
        }
    }

    /// <summary>"created" is 100-ns ticks since the Unix epoch, as a decimal string.</summary>
    private static DateTimeOffset ServerCreated(WireEvent e) =>
        e.Metadata.TryGetValue("created", out var created) && long.TryParse(created, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + ticks, TimeSpan.Zero)
            : DateTimeOffset.UnixEpoch;

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _connection.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
