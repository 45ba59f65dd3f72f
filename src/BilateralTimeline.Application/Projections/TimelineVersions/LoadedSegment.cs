namespace BilateralTimeline.Application.Projections.TimelineVersions;

/// <summary>
/// One segment of a dyad's stored timeline as a query reads it: its directory, decoded at once, and its
/// blocks read on demand through <paramref name="read"/> (the projection store, or the pieces a catch-up has
/// just encoded and holds in memory), each checked against its digest and kept for the rest of the query (in a
/// server, for the pages that follow at the same head, up to a bound).
/// </summary>
internal sealed class LoadedSegment(SegmentDirectory directory, Func<IReadOnlyCollection<string>, Task<Dictionary<string, byte[]>>> read)
{
    // Shared by the pages a server walks side by side (see HeldTimelines), so concurrent, and bounded: a server that
    // kept every block it ever read would hold the whole timeline again.
    private const int MostBlocksKept = 256;
    // Records are what a page prints: pages without a window all start at the timeline's first day, so a few blocks serve most.
    private const int MostRecordBlocksKept = 32;
    private readonly KeptBlocks<RowBlockData> _rows = new(MostBlocksKept);
    private readonly KeptBlocks<(long[] Ticks, long[] Positions)> _revisions = new(MostBlocksKept);
    private readonly KeptBlocks<TimelineRecord[]> _records = new(MostRecordBlocksKept);

    public SegmentDirectory Directory => directory;

    public long FirstRevision => directory.FirstRevision;

    /// <summary>A segment a catch-up has just encoded: its pieces are served from memory, under the keys they are stored at.</summary>
    public static LoadedSegment Resident(EncodedSegment encoded)
    {
        var directory = TimelineSegmentCodec.DecodeDirectory(encoded.Directory);
        var first = directory.FirstRevision;
        var pieces = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var b = 0; b < encoded.RevisionBlocks.Count; b++)
        {
            pieces[TimelineSegmentStore.RevisionsKey(first, b)] = encoded.RevisionBlocks[b];
        }
        for (var b = 0; b < encoded.RowBlocks.Count; b++)
        {
            pieces[TimelineSegmentStore.RowsKey(first, b)] = encoded.RowBlocks[b];
        }
        for (var b = 0; b < encoded.HeavyBlocks.Count; b++)
        {
            pieces[TimelineSegmentStore.RecordsKey(first, b)] = encoded.HeavyBlocks[b];
        }
        return new LoadedSegment(directory, keys => Task.FromResult(keys.Where(pieces.ContainsKey).ToDictionary(k => k, k => pieces[k], StringComparer.Ordinal)));
    }

    /// <exception cref="InvalidDataException">The block is missing or does not match its digest.</exception>
    public async Task<RowBlockData> RowsAsync(int block)
    {
        if (!_rows.TryGet(block, out var data))
        {
            var key = TimelineSegmentStore.RowsKey(FirstRevision, block);
            var bytes = (await read([key]).ConfigureAwait(false)).GetValueOrDefault(key) ?? throw Missing(key);
            data = TimelineSegmentCodec.DecodeRows(bytes, directory.RowBlocks[block].Digest, directory.Sizes);
            _rows.Keep(block, data);
        }
        return data;
    }

    /// <summary>Every row block, in one read: a catch-up needs the versions still open.</summary>
    public async Task<List<TimelineRow>> AllRowsAsync()
    {
        var all = new RowBlockData[directory.RowBlocks.Length];
        var missing = Enumerable.Range(0, all.Length).Where(b => !_rows.TryGet(b, out all[b]!)).ToList();
        var found = await read(missing.Select(b => TimelineSegmentStore.RowsKey(FirstRevision, b)).ToList()).ConfigureAwait(false);
        foreach (var b in missing)
        {
            var key = TimelineSegmentStore.RowsKey(FirstRevision, b);
            all[b] = TimelineSegmentCodec.DecodeRows(found.GetValueOrDefault(key) ?? throw Missing(key), directory.RowBlocks[b].Digest, directory.Sizes);
            _rows.Keep(b, all[b]);
        }
        return [.. all.SelectMany(b => b.Rows)];
    }

    /// <summary>The recording times and last positions of one block of revisions.</summary>
    public async Task<(long[] Ticks, long[] Positions)> RevisionsAsync(int block)
    {
        if (!_revisions.TryGet(block, out var data))
        {
            var key = TimelineSegmentStore.RevisionsKey(FirstRevision, block);
            var bytes = (await read([key]).ConfigureAwait(false)).GetValueOrDefault(key) ?? throw Missing(key);
            data = TimelineSegmentCodec.DecodeRevisions(bytes, directory.RevisionBlocks[block].Digest, directory.Sizes);
            _revisions.Keep(block, data);
        }
        return data;
    }

    /// <summary>The printed records of the rows at <paramref name="rowIndexes"/> (within this segment), reading each heavy block once.</summary>
    public async Task<Dictionary<int, TimelineRecord>> RecordsAsync(IReadOnlyCollection<int> rowIndexes)
    {
        var (rows, heavy) = (directory.Sizes.Rows, directory.Sizes.Heavy);
        var decoded = new Dictionary<int, TimelineRecord[]>();
        var blocks = new List<int>();
        foreach (var h in rowIndexes.Select(i => i / heavy).Distinct())
        {
            if (_records.TryGet(h, out var kept))
            {
                decoded[h] = kept;
            }
            else
            {
                blocks.Add(h);
            }
        }
        var found = blocks.Count == 0 ? [] : await read(blocks.Select(h => TimelineSegmentStore.RecordsKey(FirstRevision, h)).ToList()).ConfigureAwait(false);
        foreach (var h in blocks)
        {
            var key = TimelineSegmentStore.RecordsKey(FirstRevision, h);
            var rowBlock = await RowsAsync(h * heavy / rows).ConfigureAwait(false);
            var digest = rowBlock.HeavyDigests[h % (rows / heavy)];
            decoded[h] = TimelineSegmentCodec.DecodeRecords(found.GetValueOrDefault(key) ?? throw Missing(key), digest, directory.Sizes);
            _records.Keep(h, decoded[h]);
        }
        return rowIndexes.ToDictionary(i => i, i => decoded[i / heavy][i % heavy]);
    }

    private static InvalidDataException Missing(string key) => new($"the stored timeline's row {key} is missing or not base64");
}
