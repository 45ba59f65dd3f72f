using System.Globalization;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.TimelineVersions;

/// <summary>What the index row says of one stored segment: where its rows are and the chain hash it ends with.</summary>
internal sealed record StoredTimelineSegment(long FirstRevision, long LastRevision, int FirstVersion, byte[] Hash);

/// <summary>A dyad's stored segments as one commit left them (<see cref="Generation"/> 0: none yet); <see cref="Damaged"/> when the index row does not parse.</summary>
internal sealed record StoredTimeline(long Generation, IReadOnlyList<StoredTimelineSegment> Segments, bool Damaged);

/// <summary>
/// Where each dyad's timeline segments are kept: one checkpointed projection per dyad, <c>timeline-versions:STREAM</c>,
/// version <see cref="TimelineSegmentCodec.Format"/>, in <see cref="IProjectionStore"/> beside the ledger snapshots
/// and state terms. Per segment (keyed by its first revision) its directory (<c>d:REVISION</c>) and blocks of
/// revisions (<c>r:REVISION:N</c>), rows (<c>o:REVISION:N</c>) and records (<c>h:REVISION:N</c>), each a base64
/// row, and an index row listing the segments; an append is a compare-and-swap on the index it read.
/// </summary>
internal sealed class TimelineSegmentStore(IProjectionStore rows)
{
    public const string IndexKey = "@index";

    public static string ProjectionName(DyadId dyad) => "timeline-versions:" + dyad.StreamName;

    public static string DirectoryKey(long segment) => string.Create(CultureInfo.InvariantCulture, $"d:{segment:D19}");

    public static string RevisionsKey(long segment, int block) => string.Create(CultureInfo.InvariantCulture, $"r:{segment:D19}:{block:D6}");

    public static string RowsKey(long segment, int block) => string.Create(CultureInfo.InvariantCulture, $"o:{segment:D19}:{block:D6}");

    public static string RecordsKey(long segment, int block) => string.Create(CultureInfo.InvariantCulture, $"h:{segment:D19}:{block:D6}");

    public async Task<StoredTimeline> ReadIndexAsync(DyadId dyad, CancellationToken cancellationToken)
    {
        var name = ProjectionName(dyad);
        if (await rows.ReadCheckpointAsync(name, TimelineSegmentCodec.Format, cancellationToken).ConfigureAwait(false) is not { Position: > 0 } checkpoint)
        {
            return new StoredTimeline(0, [], false);
        }
        var index = (await rows.ReadRowsByKeysAsync(name, TimelineSegmentCodec.Format, [IndexKey], cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        return index is null ? new StoredTimeline(checkpoint.Position, [], true) : Parse(checkpoint.Position, index.Document);
    }

    /// <summary>The rows asked for, base64-decoded; missing or unreadable ones are left out (the caller treats them as damage).</summary>
    public async Task<Dictionary<string, byte[]>> ReadAsync(DyadId dyad, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }
        foreach (var row in await rows.ReadRowsByKeysAsync(ProjectionName(dyad), TimelineSegmentCodec.Format, keys, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                found[row.Key] = Convert.FromBase64String(row.Document);
            }
            catch (FormatException)
            {
                // Left out: the reader finds it missing.
            }
        }
        return found;
    }

    /// <summary>
    /// Adds the segment after the ones <paramref name="seen"/> (or, with <paramref name="replaceAll"/>, instead of
    /// all of them: they did not match the log); false when another writer changed the index first.
    /// </summary>
    /// <remarks>The claim rows' changes (see <see cref="Rows.ClaimRows"/> and <see cref="OpenVersionRows"/>) commit with the segment: they always reflect the last segment's end.</remarks>
    public async Task<bool> AppendAsync(DyadId dyad, StoredTimeline seen, TimelineSegment segment, EncodedSegment encoded, bool replaceAll, IReadOnlyList<ProjectionRowChange> claimRows, CancellationToken cancellationToken)
    {
        if (replaceAll && seen.Generation > 0)
        {
            await rows.DropVersionAsync(ProjectionName(dyad), TimelineSegmentCodec.Format, cancellationToken).ConfigureAwait(false);
            seen = new StoredTimeline(0, [], false);
        }
        return await StoreAsync(dyad, seen, replaceAll ? 0 : seen.Segments.Count, [], segment, encoded, claimRows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores <paramref name="segment"/> after the first <paramref name="keep"/> of the segments <paramref name="seen"/>, in
    /// place of the others (which it merged, <paramref name="dropped"/>), deleting their pieces; false when another writer
    /// changed the index first.
    /// </summary>
    public Task<bool> ReplaceAfterAsync(DyadId dyad, StoredTimeline seen, int keep, IReadOnlyList<SegmentDirectory> dropped, TimelineSegment segment, EncodedSegment encoded, IReadOnlyList<ProjectionRowChange> claimRows, CancellationToken cancellationToken) =>
        StoreAsync(dyad, seen, keep, dropped, segment, encoded, claimRows, cancellationToken);

    private async Task<bool> StoreAsync(DyadId dyad, StoredTimeline seen, int keep, IReadOnlyList<SegmentDirectory> dropped, TimelineSegment segment, EncodedSegment encoded, IReadOnlyList<ProjectionRowChange> claimRows, CancellationToken cancellationToken)
    {
        var first = segment.FirstRevision;
        var changes = Pieces(first, encoded);
        var written = changes.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var pieces = dropped.SelectMany(d => new[] { DirectoryKey(d.FirstRevision) }
            .Concat(Enumerable.Range(0, d.RevisionBlocks.Length).Select(b => RevisionsKey(d.FirstRevision, b)))
            .Concat(Enumerable.Range(0, d.RowBlocks.Length).Select(b => RowsKey(d.FirstRevision, b)))
            .Concat(Enumerable.Range(0, (d.RowCount + d.Sizes.Heavy - 1) / d.Sizes.Heavy).Select(b => RecordsKey(d.FirstRevision, b))));
        changes.AddRange(pieces.Where(k => !written.Contains(k)).Select(k => new ProjectionRowChange(k, null)));
        changes.AddRange(claimRows);
        var kept = seen.Segments.Take(keep).Append(new StoredTimelineSegment(first, segment.LastRevision, segment.FirstVersion, segment.Hash));
        changes.Add(new(IndexKey, Format(kept)));
        try
        {
            await rows.CommitAsync(ProjectionName(dyad), TimelineSegmentCodec.Format, seen.Generation, seen.Generation + 1, changes, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ProjectionCheckpointMovedException)
        {
            return false;
        }
    }

    private static List<ProjectionRowChange> Pieces(long first, EncodedSegment encoded)
    {
        var changes = new List<ProjectionRowChange> { new(DirectoryKey(first), Convert.ToBase64String(encoded.Directory)) };
        changes.AddRange(encoded.RevisionBlocks.Select((b, i) => new ProjectionRowChange(RevisionsKey(first, i), Convert.ToBase64String(b))));
        changes.AddRange(encoded.RowBlocks.Select((b, i) => new ProjectionRowChange(RowsKey(first, i), Convert.ToBase64String(b))));
        changes.AddRange(encoded.HeavyBlocks.Select((b, i) => new ProjectionRowChange(RecordsKey(first, i), Convert.ToBase64String(b))));
        return changes;
    }

    /// <summary>One line per segment: first and last revision, first version, chain hash in hex.</summary>
    private static string Format(IEnumerable<StoredTimelineSegment> segments) =>
        string.Join('\n', segments.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.FirstRevision} {s.LastRevision} {s.FirstVersion} {Convert.ToHexString(s.Hash)}")));

    private static StoredTimeline Parse(long generation, string document)
    {
        var segments = new List<StoredTimelineSegment>();
        foreach (var line in document.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length != 4
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var firstVersion))
            {
                return new StoredTimeline(generation, [], true);
            }
            try
            {
                segments.Add(new StoredTimelineSegment(first, last, firstVersion, Convert.FromHexString(parts[3])));
            }
            catch (FormatException)
            {
                return new StoredTimeline(generation, [], true);
            }
        }
        return new StoredTimeline(generation, segments, false);
    }
}
