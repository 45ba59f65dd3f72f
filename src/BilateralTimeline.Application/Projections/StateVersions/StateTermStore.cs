using System.Globalization;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.StateVersions;

/// <summary>What the index row says of one stored segment: enough to find its rows and check it against the log.</summary>
internal sealed record StoredSegment(long FirstRevision, long LastRevision, int FirstVersion, int Versions, int Chunks, int Blocks, byte[] Hash);

/// <summary>A dyad's stored segments as one commit left them (<see cref="Generation"/> 0: none yet); <see cref="Damaged"/> when the index row does not parse.</summary>
internal sealed record StoredSegments(long Generation, IReadOnlyList<StoredSegment> Segments, bool Damaged);

/// <summary>
/// Where each dyad's state-term segments are kept: one checkpointed projection per dyad,
/// <c>state-terms:STREAM</c>, version <see cref="StateSegmentCodec.Format"/>, in <see cref="IProjectionStore"/>
/// beside the ledger snapshots (the event store's own database, or the --projections store). Per segment
/// its columns in chunks (<c>c:REVISION:N</c>) and its heavy blocks (<c>h:REVISION:N</c>), keyed by its
/// first revision, and an index row listing the segments; the checkpoint counts the commits, so an append is
/// a compare-and-swap on the index it read: of two writers that read the same index only the first lands.
/// </summary>
internal sealed class StateTermStore(IProjectionStore rows)
{
    /// <summary>What a commit left: the index as it now reads, and the header of the segment it added.</summary>
    internal sealed record Stored(StoredSegments Index, SegmentHeader Header);

    public const string IndexKey = "@index";

    // Base64 characters per row: a segment of a million events is tens of rows, each a modest string.
    private const int ChunkChars = 1 << 20;

    public static string ProjectionName(DyadId dyad) => "state-terms:" + dyad.StreamName;

    public static string ColumnsKey(long firstRevision, int chunk) => string.Create(CultureInfo.InvariantCulture, $"c:{firstRevision:D19}:{chunk:D4}");

    public static string BlockKey(long firstRevision, int block) => string.Create(CultureInfo.InvariantCulture, $"h:{firstRevision:D19}:{block:D6}");

    public async Task<StoredSegments> ReadIndexAsync(DyadId dyad, CancellationToken cancellationToken)
    {
        var name = ProjectionName(dyad);
        if (await rows.ReadCheckpointAsync(name, StateSegmentCodec.Format, cancellationToken).ConfigureAwait(false) is not { Position: > 0 } checkpoint)
        {
            return new StoredSegments(0, [], false);
        }
        var index = (await rows.ReadRowsByKeysAsync(name, StateSegmentCodec.Format, [IndexKey], cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        return index is null ? new StoredSegments(checkpoint.Position, [], true) : Parse(checkpoint.Position, index.Document);
    }

    /// <summary>
    /// The columns document of a segment, its chunks joined, and how many of its bytes were read: all of them, or the
    /// chunks up to the first after which <paramref name="enough"/> says the bytes so far suffice. Null when a chunk is
    /// missing or not base64.
    /// </summary>
    public async Task<(byte[] Document, int Length)?> ReadColumnsAsync(DyadId dyad, StoredSegment segment, Func<byte[], int, bool> enough, CancellationToken cancellationToken)
    {
        // Every chunk but the last holds ChunkChars characters: the bytes are decoded into one array sized once,
        // not into a chunk's own array, then a growing stream, then a copy of it (a million revisions' columns are tens of MB).
        var document = new byte[Math.Max(0, segment.Chunks) * (ChunkChars / 4 * 3)];
        var length = 0;
        for (var chunk = 0; chunk < segment.Chunks; chunk++)
        {
            // One chunk at a time: a whole segment's text at once would be several times its bytes in memory.
            var row = (await rows.ReadRowsByKeysAsync(ProjectionName(dyad), StateSegmentCodec.Format, [ColumnsKey(segment.FirstRevision, chunk)], cancellationToken).ConfigureAwait(false)).SingleOrDefault();
            if (row is null || !Convert.TryFromBase64String(row.Document, document.AsSpan(length), out var written))
            {
                return null;
            }
            length += written;
            if (enough(document, length))
            {
                break;
            }
        }
        return (document, length);
    }

    /// <summary>The heavy blocks asked for, by (segment first revision, block); missing or unreadable ones are left out.</summary>
    public async Task<Dictionary<(long Segment, int Block), byte[]>> ReadBlocksAsync(DyadId dyad, IReadOnlyCollection<(long Segment, int Block)> wanted, CancellationToken cancellationToken)
    {
        var keys = wanted.ToDictionary(w => BlockKey(w.Segment, w.Block), w => w, StringComparer.Ordinal);
        var found = new Dictionary<(long, int), byte[]>();
        if (keys.Count == 0)
        {
            return found;
        }
        foreach (var row in await rows.ReadRowsByKeysAsync(ProjectionName(dyad), StateSegmentCodec.Format, keys.Keys, cancellationToken).ConfigureAwait(false))
        {
            using var bytes = new MemoryStream();
            if (keys.TryGetValue(row.Key, out var at) && TryBase64(row.Document, bytes))
            {
                found[at] = bytes.ToArray();
            }
        }
        return found;
    }

    /// <summary>
    /// Adds <paramref name="segment"/> after the segments <paramref name="seen"/> (or, with <paramref name="replaceAll"/>,
    /// instead of all of them: they did not match the log); null when another writer changed the index first.
    /// </summary>
    public Task<Stored?> AppendAsync(DyadId dyad, StoredSegments seen, StateSegment segment, bool replaceAll, IReadOnlyList<ProjectionRowChange> claimRows, CancellationToken cancellationToken) =>
        AppendAsync(dyad, seen, replaceAll ? 0 : seen.Segments.Count, segment, replaceAll, claimRows, cancellationToken);

    /// <summary>
    /// Adds <paramref name="segment"/> after the first <paramref name="keep"/> of the segments <paramref name="seen"/>,
    /// in place of the others (short tails stored without a snapshot, which a catch-up from an earlier one folded
    /// again) and deleting their rows; null when another writer changed the index first.
    /// </summary>
    public Task<Stored?> ReplaceAfterAsync(DyadId dyad, StoredSegments seen, int keep, StateSegment segment, IReadOnlyList<ProjectionRowChange> claimRows, CancellationToken cancellationToken) =>
        AppendAsync(dyad, seen, keep, segment, replaceAll: false, claimRows, cancellationToken);

    // The claim rows' changes (see ClaimRows) commit with the segment: they always reflect the last segment's end.
    private async Task<Stored?> AppendAsync(DyadId dyad, StoredSegments seen, int keep, StateSegment segment, bool replaceAll, IReadOnlyList<ProjectionRowChange> claimRows, CancellationToken cancellationToken)
    {
        var name = ProjectionName(dyad);
        var expected = seen.Generation;
        if (replaceAll && expected > 0)
        {
            await rows.DropVersionAsync(name, StateSegmentCodec.Format, cancellationToken).ConfigureAwait(false);
            expected = 0;
        }
        var (columns, blocks) = StateSegmentCodec.Encode(segment);
        var text = Convert.ToBase64String(columns);
        var changes = new List<ProjectionRowChange>();
        var chunks = 0;
        for (var at = 0; at < text.Length; at += ChunkChars)
        {
            changes.Add(new(ColumnsKey(segment.FirstRevision, chunks++), text.Substring(at, Math.Min(ChunkChars, text.Length - at))));
        }
        for (var b = 0; b < blocks.Count; b++)
        {
            changes.Add(new(BlockKey(segment.FirstRevision, b), Convert.ToBase64String(blocks[b])));
        }
        var written = changes.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var dropped in replaceAll ? [] : seen.Segments.Skip(keep))
        {
            var keys = Enumerable.Range(0, dropped.Chunks).Select(c => ColumnsKey(dropped.FirstRevision, c))
                .Concat(Enumerable.Range(0, dropped.Blocks).Select(b => BlockKey(dropped.FirstRevision, b)));
            changes.AddRange(keys.Where(k => !written.Contains(k)).Select(k => new ProjectionRowChange(k, null)));
        }
        var kept = (replaceAll ? [] : seen.Segments.Take(keep)).Append(new StoredSegment(segment.FirstRevision, segment.LastRevision, segment.FirstVersion, segment.Added.Count, chunks, blocks.Count, segment.Hash));
        changes.AddRange(claimRows);
        changes.Add(new(IndexKey, Format(kept)));
        try
        {
            await rows.CommitAsync(name, StateSegmentCodec.Format, expected, expected + 1, changes, cancellationToken).ConfigureAwait(false);
            return new Stored(new StoredSegments(expected + 1, [.. kept], false), StateSegmentCodec.HeaderOf(segment, blocks));
        }
        catch (ProjectionCheckpointMovedException)
        {
            return null;
        }
    }

    private static bool TryBase64(string text, MemoryStream into)
    {
        try
        {
            into.Write(Convert.FromBase64String(text));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>One line per segment: first and last revision, first version, versions, column chunks, heavy blocks, chain hash in hex.</summary>
    private static string Format(IEnumerable<StoredSegment> segments) =>
        string.Join('\n', segments.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.FirstRevision} {s.LastRevision} {s.FirstVersion} {s.Versions} {s.Chunks} {s.Blocks} {Convert.ToHexString(s.Hash)}")));

    private static StoredSegments Parse(long generation, string document)
    {
        var segments = new List<StoredSegment>();
        foreach (var line in document.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length != 7
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var firstVersion)
                || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var versions)
                || !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var chunks)
                || !int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var blocks))
            {
                return new StoredSegments(generation, [], true);
            }
            try
            {
                segments.Add(new StoredSegment(first, last, firstVersion, versions, chunks, blocks, Convert.FromHexString(parts[6])));
            }
            catch (FormatException)
            {
                return new StoredSegments(generation, [], true);
            }
        }
        return new StoredSegments(generation, segments, false);
    }
}
