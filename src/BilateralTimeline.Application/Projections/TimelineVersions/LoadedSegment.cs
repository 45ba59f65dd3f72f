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

    /// <summary>
    /// The printed records of the rows at <paramref name="rowIndexes"/> (within this segment), reading each heavy block once.
    /// Blocks are decoded whole and kept for the pages that follow, unless more records are asked for than half the kept
    /// blocks hold (a page of thousands of items): then only the records asked for are built and no block is kept, as a
    /// large page's blocks would push out those the small pages share, and its allocations, not its answer, made a server's
    /// peak memory (the other records of a block, at a count where few of its rows are alive, were most of them).
    /// </summary>
    public async Task<Dictionary<int, TimelineRecord>> RecordsAsync(IReadOnlyCollection<int> rowIndexes)
    {
        var (rows, heavy) = (directory.Sizes.Rows, directory.Sizes.Heavy);
        var keep = rowIndexes.Count <= MostRecordBlocksKept * heavy / 2;
        var found = new Dictionary<int, TimelineRecord>(rowIndexes.Count);
        var missing = new List<int>();
        foreach (var i in rowIndexes)
        {
            if (_records.TryGet(i / heavy, out var kept))
            {
                found[i] = kept[i % heavy];
            }
            else
            {
                missing.Add(i);
            }
        }
        if (missing.Count == 0)
        {
            return found;
        }
        var blocks = missing.GroupBy(i => i / heavy).ToList();
        var pieces = await read([.. blocks.Select(b => TimelineSegmentStore.RecordsKey(FirstRevision, b.Key))]).ConfigureAwait(false);
        foreach (var block in blocks)
        {
            var h = block.Key;
            var key = TimelineSegmentStore.RecordsKey(FirstRevision, h);
            var bytes = pieces.GetValueOrDefault(key) ?? throw Missing(key);
            var digest = (await RowsAsync(h * heavy / rows).ConfigureAwait(false)).HeavyDigests[h % (rows / heavy)];
            if (keep)
            {
                var all = TimelineSegmentCodec.DecodeRecords(bytes, digest, directory.Sizes);
                _records.Keep(h, all);
                foreach (var i in block)
                {
                    found[i] = all[i % heavy];
                }
            }
            else
            {
                var places = block.Select(i => i % heavy).Distinct().Order().ToList();
                var some = TimelineSegmentCodec.DecodeRecords(bytes, digest, directory.Sizes, places);
                for (var k = 0; k < places.Count; k++)
                {
                    found[(h * heavy) + places[k]] = some[k];
                }
            }
        }
        return found;
    }

    private static InvalidDataException Missing(string key) => new($"the stored timeline's row {key} is missing or not base64");
}
