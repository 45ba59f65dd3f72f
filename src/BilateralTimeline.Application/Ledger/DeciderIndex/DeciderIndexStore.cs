using System.Text.Json;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Ledger.DeciderIndex;

/// <summary>Where a dyad's decider index stands: the stream revision its rows reflect and the chain hash of the event there.</summary>
public sealed record IndexHead(long Revision, ReadOnlyMemory<byte> Hash);

/// <summary>A dyad's decider state as far as a write needs it: only the keys its commands read, at <see cref="Revision"/>.</summary>
/// <param name="State">Exact for every key the commands read; other keys may be missing.</param>
/// <param name="Revision">The stream revision it reflects.</param>
/// <param name="Hash">The chain hash of the event at that revision.</param>
/// <param name="Head">Where the index stood when read, for the catch-up after the append.</param>
/// <param name="Known">Which keys <paramref name="State"/> is exact for, to catch the index up from it after the write.</param>
public sealed record IndexedLedger(LedgerState State, long Revision, ReadOnlyMemory<byte> Hash, IndexHead Head, KnownKeys Known);

/// <summary>
/// The decider index: the decider's state kept beside the log, one row per key (<see cref="LedgerKeys"/>),
/// so that a write reads the few rows its commands name and folds only the events after the index,
/// instead of the dyad's whole history.
/// <para>
/// Storage: one checkpointed projection per dyad, named <c>decider:STREAM</c>, version
/// <see cref="Format"/>, in <see cref="IProjectionStore"/> (the store's own database, or the read-model
/// store named with --projections for EventStoreDB). Its checkpoint is the number of stream events the
/// rows reflect (revision + 1), so a commit is a compare-and-swap on the revision; the row
/// <c>@head</c> holds that revision and the chain hash of the event there, written in the same
/// transaction as the rows. An index whose hash is not the log's at that revision is never used: the
/// write folds the whole stream and rebuilds it. A writer catches the index up after its append; one
/// that loses that race to another writer leaves a tail for the next.
/// </para>
/// </summary>
public sealed class DeciderIndexStore(IEventStore store, IProjectionStore rows)
{
    /// <summary>The document shapes' version, used as the projection version: a build that changes them starts a new index.</summary>
    public const int Format = 1;

    public const string HeadKey = "@head";

    public static string ProjectionName(DyadId dyad) => "decider:" + dyad.StreamName;

    /// <summary>The state for <paramref name="commands"/>, or null when the dyad has no usable index (none yet, or not matching the log).</summary>
    public async Task<IndexedLedger?> LoadAsync(DyadId dyad, IReadOnlyList<LedgerCommand> commands, CancellationToken cancellationToken)
    {
        var name = ProjectionName(dyad);
        var keys = commands.SelectMany(LedgerKeys.Read).ToHashSet(StringComparer.Ordinal);
        var fetched = await rows.ReadRowsByKeysAsync(name, Format, [HeadKey, .. keys], cancellationToken).ConfigureAwait(false);
        if (ReadHead(fetched) is not { } head)
        {
            return null;
        }
        var tail = await LedgerTail.ReadAsync(store, dyad.StreamName, head.Revision, head.Hash, cancellationToken).ConfigureAwait(false);
        if (!tail.Linked)
        {
            return null;
        }
        var documents = fetched.Where(r => r.Key != HeadKey).ToDictionary(r => r.Key, r => r.Document, StringComparer.Ordinal);
        while (true)
        {
            if (Assemble(documents, tail) is not { } state)
            {
                return null;
            }
            var needs = LedgerKeys.ChainNeeds(state, commands, keys);
            if (needs.Count == 0)
            {
                return new IndexedLedger(state, tail.Revision, tail.Hash, head, KnownKeys.Rows(keys, tail));
            }
            var more = await rows.ReadRowsByKeysAsync(name, Format, [HeadKey, .. needs], cancellationToken).ConfigureAwait(false);
            // Rows of a later catch-up are fine (the tail re-assigns what it touched); an index dropped or rebuilt at an older revision is not.
            if (ReadHead(more) is not { } again || again.Revision < head.Revision)
            {
                return null;
            }
            keys.UnionWith(needs);
            foreach (var row in more.Where(r => r.Key != HeadKey))
            {
                documents[row.Key] = row.Document;
            }
        }
    }

    /// <summary>
    /// Applies the events after <paramref name="from"/> to the rows they touch and moves the index, in one
    /// commit from <paramref name="from"/>'s checkpoint. Another writer having moved it first is no error.
    /// </summary>
    public async Task CatchUpAsync(DyadId dyad, IndexHead from, CancellationToken cancellationToken)
    {
        var tail = await LedgerTail.ReadAsync(store, dyad.StreamName, from.Revision, from.Hash, cancellationToken).ConfigureAwait(false);
        if (!tail.Linked || tail.Events.Count == 0)
        {
            return;
        }
        var touched = tail.Events.Select(e => e.Event is { } x ? LedgerKeys.Of(x) : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var name = ProjectionName(dyad);
        var fetched = await rows.ReadRowsByKeysAsync(name, Format, touched, cancellationToken).ConfigureAwait(false);
        if (Assemble(fetched.ToDictionary(r => r.Key, r => r.Document, StringComparer.Ordinal), tail) is not { } state)
        {
            return;
        }
        var changes = touched.Select(k => new ProjectionRowChange(k, LedgerSlices.Document(state, k))).Append(HeadRow(tail.Revision, tail.Hash)).ToList();
        try
        {
            await rows.CommitAsync(name, Format, from.Revision + 1, tail.Revision + 1, changes, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectionCheckpointMovedException)
        {
            // Another writer caught the index up (or rebuilt it) first; what is left is the next writer's tail.
        }
    }

    /// <summary>
    /// Catches the index up after a write that appended <paramref name="appended"/> right after the state it
    /// was decided on, from that state rather than from the log: the rows and the events are in memory
    /// already, and reading back a large import to fold it again cost more than deciding it. Only the chain
    /// hash of the last event is read. False (nothing done) when the state is not exact for every key to be
    /// written, or the log does not hold that event: then <see cref="CatchUpAsync"/> reads the tail.
    /// <paramref name="from"/> is where the index stood when <paramref name="decidedOn"/> (its rows plus the
    /// tail after them) was read; <paramref name="known"/> says which keys that state is exact for;
    /// <paramref name="appended"/> are the write's events, in order, ending at <paramref name="lastRevision"/>;
    /// <paramref name="after"/>, when given, is <paramref name="decidedOn"/> with them folded in (the decider folds them as it decides);
    /// <paramref name="prepared"/>, when given, the rows <see cref="RowsAfterWrite"/> is building for this write (started during the append).
    /// </summary>
    public async Task<bool> CatchUpFromWriteAsync(DyadId dyad, IndexHead from, LedgerState decidedOn, KnownKeys known, IReadOnlyList<ILedgerEvent> appended, long lastRevision, CancellationToken cancellationToken, LedgerState? after = null, IReadOnlyList<ReadOnlyMemory<byte>>? appendedBytes = null, Task<IReadOnlyList<ProjectionRowChange>?>? prepared = null)
    {
        if (prepared is null && known.Written(appended) is null)
        {
            return false;
        }
        RecordedEvent? last = null;
        await foreach (var recorded in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, lastRevision, 1, cancellationToken).ConfigureAwait(false))
        {
            last = recorded;
        }
        if (last is null || last.StreamRevision != lastRevision)
        {
            return false;
        }
        if (await (prepared ?? Task.FromResult(RowsAfterWrite(decidedOn, known, appended, after, appendedBytes))).ConfigureAwait(false) is not { } rowsOfWrite)
        {
            return false;
        }
        var changes = rowsOfWrite.Append(HeadRow(lastRevision, last.Hash)).ToList();
        try
        {
            await rows.CommitAsync(ProjectionName(dyad), Format, from.Revision + 1, lastRevision + 1, changes, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectionCheckpointMovedException)
        {
            // As in CatchUpAsync: another writer moved the index first.
        }
        return true;
    }

    /// <summary>
    /// The rows a catch-up after a write commits (all but the head row), from the state the write was
    /// decided on and its events; null when the state is not exact for every key to be written. Depends
    /// on immutable values only, so a large write builds them on other cores while its events are appended.
    /// </summary>
    public static IReadOnlyList<ProjectionRowChange>? RowsAfterWrite(LedgerState decidedOn, KnownKeys known, IReadOnlyList<ILedgerEvent> appended, LedgerState? after, IReadOnlyList<ReadOnlyMemory<byte>>? appendedBytes)
    {
        if (known.Written(appended) is not { } touched)
        {
            return null;
        }
        var state = after ?? decidedOn;
        if (after is null)
        {
            foreach (var e in appended)
            {
                state = LedgerState.Evolve(state, e);
            }
        }
        return Rows(state, touched, Claims(appended, appendedBytes)).ToList();
    }

    /// <summary>Replaces the dyad's index with <paramref name="state"/>, the whole stream's fold at <paramref name="revision"/>.</summary>
    public async Task WriteAllAsync(DyadId dyad, LedgerState state, long revision, ReadOnlyMemory<byte> hash, CancellationToken cancellationToken)
    {
        if (revision < 0)
        {
            return;
        }
        var name = ProjectionName(dyad);
        await rows.DropVersionAsync(name, Format, cancellationToken).ConfigureAwait(false);
        var changes = LedgerSlices.Keys(state).Select(k => new ProjectionRowChange(k, LedgerSlices.Document(state, k))).Append(HeadRow(revision, hash)).ToList();
        try
        {
            await rows.CommitAsync(name, Format, 0, revision + 1, changes, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectionCheckpointMovedException)
        {
            // A writer racing us rebuilt it first, from the same log.
        }
    }

    /// <summary>Folds the dyad's whole stream and writes the index from it: what `bt rebuild decider` does.</summary>
    public async Task<(long Revision, int Rows)> RebuildAsync(DyadId dyad, CancellationToken cancellationToken)
    {
        var (state, revision, hash) = await LedgerTail.FoldAllAsync(store, dyad.StreamName, cancellationToken).ConfigureAwait(false);
        await WriteAllAsync(dyad, state, revision, hash, cancellationToken).ConfigureAwait(false);
        return (revision, LedgerSlices.Keys(state).Count());
    }

    /// <summary>
    /// The rows of <paramref name="keys"/> in <paramref name="state"/>, in the keys' order. After a large
    /// import (ten thousand keys) they are serialised on every core; each depends on the immutable state alone.
    /// </summary>
    private static IEnumerable<ProjectionRowChange> Rows(LedgerState state, IReadOnlyCollection<string> keys, IReadOnlyDictionary<ClaimRecorded, ReadOnlyMemory<byte>>? serialized) =>
        keys.Count >= LedgerEventData.InParallelFrom
            ? keys.AsParallel().AsOrdered().Select(k => new ProjectionRowChange(k, LedgerSlices.Document(state, k, serialized)))
            : keys.Select(k => new ProjectionRowChange(k, LedgerSlices.Document(state, k, serialized)));

    /// <summary>The write's claims with the bytes it stored them as (by reference: the state holds these very instances).</summary>
    private static Dictionary<ClaimRecorded, ReadOnlyMemory<byte>>? Claims(IReadOnlyList<ILedgerEvent> appended, IReadOnlyList<ReadOnlyMemory<byte>>? bytes)
    {
        if (bytes is null || bytes.Count != appended.Count)
        {
            return null;
        }
        var claims = new Dictionary<ClaimRecorded, ReadOnlyMemory<byte>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < appended.Count; i++)
        {
            if (appended[i] is ClaimRecorded claim)
            {
                claims[claim] = bytes[i];
            }
        }
        return claims;
    }

    private static LedgerState? Assemble(IReadOnlyDictionary<string, string> documents, LedgerTail tail)
    {
        var state = LedgerState.Empty;
        try
        {
            foreach (var (key, document) in documents)
            {
                state = LedgerSlices.Apply(state, key, document);
            }
        }
        catch (JsonException)
        {
            // Rows this build cannot read are an index to rebuild, not a reason to refuse the write.
            return null;
        }
        return tail.FoldOnto(state);
    }

    private static IndexHead? ReadHead(IReadOnlyList<ProjectionRow> fetched)
    {
        var row = fetched.FirstOrDefault(r => r.Key == HeadKey);
        try
        {
            return row is null ? null : JsonSerializer.Deserialize<HeadDocument>(row.Document) is { } d ? new IndexHead(d.Revision, Convert.FromHexString(d.Hash)) : null;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    private static ProjectionRowChange HeadRow(long revision, ReadOnlyMemory<byte> hash) =>
        new(HeadKey, JsonSerializer.Serialize(new HeadDocument(revision, Convert.ToHexStringLower(hash.Span))));

    private sealed record HeadDocument(long Revision, string Hash);
}
