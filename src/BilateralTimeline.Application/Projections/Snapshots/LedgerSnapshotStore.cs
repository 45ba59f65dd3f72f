using System.Globalization;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.Snapshots;

/// <summary>What the index row says of one stored snapshot: enough to choose it for a known-at and to check it against the log before its bytes are read.</summary>
public sealed record SnapshotEntry(long Revision, DateTimeOffset RecordedUpTo, byte[] Hash);

/// <summary>A dyad's stored snapshots as one commit left them (<see cref="Generation"/> 0: none yet); <see cref="Damaged"/> when the index row does not parse.</summary>
public sealed record SnapshotSet(long Generation, IReadOnlyList<SnapshotEntry> Entries, bool Damaged)
{
    public static readonly SnapshotSet None = new(0, [], false);

    /// <summary>The latest snapshot that folded only events recorded by <paramref name="knownAt"/> (null: now).</summary>
    public SnapshotEntry? For(DateTimeOffset? knownAt) =>
        Entries.Where(e => knownAt is not { } t || e.RecordedUpTo <= t).MaxBy(e => e.Revision);

    /// <summary>Whether the index names a snapshot at <paramref name="revision"/> with this chain hash.</summary>
    public bool Holds(long revision, byte[] hash) => Entries.Any(e => e.Revision == revision && e.Hash.AsSpan().SequenceEqual(hash));
}

/// <summary>
/// Where each dyad's <see cref="LedgerSnapshot"/>s are kept: one checkpointed projection per dyad,
/// <c>ledger-snapshot:STREAM</c>, version <see cref="LedgerSnapshot.Format"/>, in <see cref="IProjectionStore"/>
/// (the event store's own database, or the read-model store named with --projections, which is
/// EventStoreDB's only place). A row per snapshot (<c>r:REVISION</c>) and an index row listing them; the
/// checkpoint counts the commits, so every write is a compare-and-swap on the set it read: of two writers
/// that read the same set only the first changes it. At most <see cref="MaxKept"/> snapshots stay, spread
/// over the stream, so a query known at an earlier time also finds one before it.
/// </summary>
public sealed class LedgerSnapshotStore(IProjectionStore rows)
{
    public const string IndexKey = "@index";

    /// <summary>Few: each is the whole ledger at its revision; the thinning keeps them spread, so a tail is at most about 1/MaxKept of the stream.</summary>
    public const int MaxKept = 8;

    public static string ProjectionName(DyadId dyad) => "ledger-snapshot:" + dyad.StreamName;

    public static string KeyOf(long revision) => "r:" + revision.ToString("D19", CultureInfo.InvariantCulture);

    public async Task<SnapshotSet> ReadSetAsync(DyadId dyad, CancellationToken cancellationToken)
    {
        var name = ProjectionName(dyad);
        if (await rows.ReadCheckpointAsync(name, LedgerSnapshot.Format, cancellationToken).ConfigureAwait(false) is not { Position: > 0 } checkpoint)
        {
            return SnapshotSet.None;
        }
        // The index may have been read after a later commit than the checkpoint: then this writer's compare-and-swap fails, harmlessly.
        var index = (await rows.ReadRowsByKeysAsync(name, LedgerSnapshot.Format, [IndexKey], cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        return index is null ? new SnapshotSet(checkpoint.Position, [], true) : Parse(checkpoint.Position, index.Document);
    }

    /// <summary>The stored bytes of the snapshot at <paramref name="revision"/>; null when the row is missing or not base64.</summary>
    public async Task<byte[]?> ReadDocumentAsync(DyadId dyad, long revision, CancellationToken cancellationToken)
    {
        var row = (await rows.ReadRowsByKeysAsync(ProjectionName(dyad), LedgerSnapshot.Format, [KeyOf(revision)], cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        try
        {
            return row is null ? null : Convert.FromBase64String(row.Document);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The stored snapshot at <paramref name="revision"/> when its row says it reflects exactly that revision, the
    /// chain <paramref name="hash"/> and (when given) <paramref name="recordedUpTo"/>; null when it is missing,
    /// damaged or of another history, so the caller folds the log instead of trusting it.
    /// </summary>
    public async Task<LedgerSnapshot?> ReadMatchingAsync(DyadId dyad, long revision, byte[] hash, DateTimeOffset? recordedUpTo, CancellationToken cancellationToken)
    {
        if (await ReadDocumentAsync(dyad, revision, cancellationToken).ConfigureAwait(false) is not { } document)
        {
            return null;
        }
        try
        {
            var (at, atHash, atRecordedUpTo, bodyAt) = LedgerSnapshot.ReadHeader(document);
            return at == revision && atHash.AsSpan().SequenceEqual(hash) && (recordedUpTo is not { } t || atRecordedUpTo == t)
                ? new LedgerSnapshot(at, atHash, atRecordedUpTo, LedgerSnapshot.ReadView(document, bodyAt))
                : null;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException or OverflowException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The snapshot at <paramref name="revision"/> when <paramref name="set"/> names it with this chain hash and its row matches; else null.</summary>
    public async Task<LedgerSnapshot?> ReadHeldAsync(DyadId dyad, SnapshotSet set, long revision, byte[] hash, CancellationToken cancellationToken) =>
        set.Holds(revision, hash) ? await ReadMatchingAsync(dyad, revision, hash, recordedUpTo: null, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>
    /// Adds <paramref name="snapshot"/> to the set <paramref name="seen"/> (or, with <paramref name="replaceAll"/>,
    /// replaces the whole set: it did not match the log), thinning it to <see cref="MaxKept"/>; false when
    /// another writer changed the set first, whose set then stays.
    /// </summary>
    public async Task<bool> WriteAsync(DyadId dyad, SnapshotSet seen, LedgerSnapshot snapshot, bool replaceAll, CancellationToken cancellationToken)
    {
        var kept = (replaceAll ? [] : seen.Entries.Where(e => e.Revision != snapshot.Revision)).ToList();
        kept.Add(new SnapshotEntry(snapshot.Revision, snapshot.RecordedUpTo, snapshot.Hash.ToArray()));
        kept.Sort((a, b) => a.Revision.CompareTo(b.Revision));
        var dropped = Thin(kept);
        var changes = new List<ProjectionRowChange>
        {
            new(KeyOf(snapshot.Revision), Convert.ToBase64String(snapshot.Encode())),
            new(IndexKey, Format(kept)),
        };
        // A set replaced because it did not match the log may have rows its index no longer names: all go (rare, so reading them is fine).
        var gone = replaceAll
            ? (await rows.ReadRowsAsync(ProjectionName(dyad), LedgerSnapshot.Format, 0, cancellationToken).ConfigureAwait(false)).Select(r => r.Key)
            : dropped.Select(e => KeyOf(e.Revision));
        changes.AddRange(gone.Where(key => key != IndexKey && key != KeyOf(snapshot.Revision)).Select(key => new ProjectionRowChange(key, null)));
        try
        {
            await rows.CommitAsync(ProjectionName(dyad), LedgerSnapshot.Format, seen.Generation, seen.Generation + 1, changes, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ProjectionCheckpointMovedException)
        {
            return false;
        }
    }

    /// <summary>Drops, until <see cref="MaxKept"/> remain, the snapshot whose going leaves the shortest gap; the newest always stays.</summary>
    private static List<SnapshotEntry> Thin(List<SnapshotEntry> kept)
    {
        var dropped = new List<SnapshotEntry>();
        while (kept.Count > MaxKept)
        {
            var drop = 0;
            var shortest = long.MaxValue;
            for (var i = 0; i < kept.Count - 1; i++)
            {
                var gap = kept[i + 1].Revision - (i > 0 ? kept[i - 1].Revision : -1);
                if (gap < shortest)
                {
                    (drop, shortest) = (i, gap);
                }
            }
            dropped.Add(kept[drop]);
            kept.RemoveAt(drop);
        }
        return dropped;
    }

    /// <summary>One line per snapshot: revision, recorded-up-to (UTC ticks), chain hash in hex.</summary>
    private static string Format(IEnumerable<SnapshotEntry> entries) =>
        string.Join('\n', entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Revision} {e.RecordedUpTo.UtcTicks} {Convert.ToHexString(e.Hash)}")));

    private static SnapshotSet Parse(long generation, string document)
    {
        var entries = new List<SnapshotEntry>();
        foreach (var line in document.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length != 3
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return new SnapshotSet(generation, [], true);
            }
            try
            {
                entries.Add(new SnapshotEntry(revision, new DateTimeOffset(ticks, TimeSpan.Zero), Convert.FromHexString(parts[2])));
            }
            catch (FormatException)
            {
                return new SnapshotSet(generation, [], true);
            }
        }
        return new SnapshotSet(generation, entries, false);
    }
}
