using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections.TimelineVersions;

/// <summary>
/// A page of <see cref="TimelineProjection.Build(string, LedgerView, DateOnly, DateTimeOffset?, TimelineWindow)"/>
/// from stored segments: each segment's rows are in the timeline's order, so a merge of the segments' rows,
/// skipping the versions not alive at the count, visits the entries of the ledger at that count in the order
/// the fold's timeline lists them (as <see cref="Versions.TimelineOrder.Walk"/> does in memory). Row blocks are
/// read only as the walk reaches them (from the window's first day on, blocks with no version alive at the
/// count skipped unread, the undated rows reached by a jump), and records only for the page's items.
/// </summary>
internal static class StoredTimelinePage
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoFindings = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>A row the page prints: its segment, its place there and its standing at the as-of.</summary>
    public readonly record struct Picked(LoadedSegment Segment, int RowIndex, TimeStanding Standing);

    public static async Task<TimelineView> BuildAsync(
        string dyad, IReadOnlyList<LoadedSegment> segments, int count, long lastPosition, DateOnly asOf, DateTimeOffset? knownAt, TimelineWindow window,
        Func<Task<LedgerView>> view)
    {
        var sides = new SidesLog();
        var ended = new Dictionary<int, int>();
        foreach (var segment in segments)
        {
            sides.AddPart(segment.Directory.Sides);
            foreach (var end in segment.Directory.Ended)
            {
                ended[end.Version] = end.To;
            }
        }
        var (page, next) = await SelectAsync(segments, ended, sides, count, asOf, window).ConfigureAwait(false);
        var items = new List<TimelineItem>(page.Count);
        if (page.Count > 0)
        {
            var tenureFindings = NoFindings;
            if (count >= sides.FirstTenureEnd)
            {
                // Tenure findings weigh every live claim naming an office holder: only a fold has them.
                var folded = await view().ConfigureAwait(false);
                tenureFindings = ViewMemo.Of(folded).EndsTenures ? ActorsProjection.FindingsByClaim(folded, asOf) : NoFindings;
            }
            var open = sides.OpenAt(count).ToList();
            var contested = Entries.ContestedClaimsOf(open);
            var doubts = Entries.DoubtsOf(open);
            var records = new Dictionary<LoadedSegment, Dictionary<int, TimelineRecord>>();
            foreach (var group in page.GroupBy(p => p.Segment))
            {
                records[group.Key] = await group.Key.RecordsAsync([.. group.Select(p => p.RowIndex)]).ConfigureAwait(false);
            }
            foreach (var picked in page)
            {
                items.Add(records[picked.Segment][picked.RowIndex].ToItem(picked.Standing, contested, doubts, tenureFindings, id => sides.OutletAt(id, count)));
            }
        }
        return new TimelineView(dyad, asOf, knownAt, lastPosition, items, next);
    }

    /// <summary>The window's rows alive at <paramref name="count"/> with their standing, and the next page's cursor, as the fold's timeline picks them.</summary>
    private static async Task<(List<Picked> Page, string? Next)> SelectAsync(
        IReadOnlyList<LoadedSegment> segments, Dictionary<int, int> ended, SidesLog sides, int count, DateOnly asOf, TimelineWindow window)
    {
        var page = new List<Picked>();
        var matched = 0;
        // Later than as-of is "not yet"; undated entries have no days, so any bound leaves them out.
        var lastDay = window.To is { } to && to < asOf ? to : asOf;
        var undated = window.From is null && window.To is null;
        var first = window.From?.DayNumber ?? int.MinValue;
        var last = lastDay.DayNumber;
        var day = asOf.DayNumber;
        var cursors = segments.Select(s => new RowCursor(s, count)).ToList();
        if (window.From is not null)
        {
            // No version whose earliest day is more than the widest span before the first day can reach it.
            var maxSpan = segments.Max(s => s.Directory.MaxSpan);
            cursors.ForEach(c => c.StartFrom((int)Math.Max(int.MinValue, (long)first - maxSpan)));
        }
        while (true)
        {
            RowCursor? next = null;
            foreach (var cursor in cursors)
            {
                if (await cursor.FillAsync().ConfigureAwait(false) && (next is null || TimelineRow.Compare(cursor.Head, next.Head) < 0))
                {
                    next = cursor;
                }
            }
            if (next is null)
            {
                return (page, null);
            }
            var row = next.Head;
            if (row.IsDated && row.Earliest > last)
            {
                if (!undated)
                {
                    return (page, null);
                }
                // Dated but later than wanted: straight to the undated rows of every segment.
                cursors.ForEach(c => c.JumpToUndated());
                continue;
            }
            var wanted = row.IsDated ? row.Latest >= first : undated;
            if (wanted && row.From <= count && count < (ended.TryGetValue(row.Version, out var endedAt) ? endedAt : row.To) && !row.LoneOpinion)
            {
                var standing = row.StandingAt(day);
                if (standing != TimeStanding.NotYet
                    && (standing != TimeStanding.Undated || (row.UndatedSources ?? []).Any(s => sides.PublishedBy(s, count, asOf)))
                    && Covers(window, row)
                    && matched++ >= window.Skip)
                {
                    if (window.Limit is { } limit && page.Count == limit)
                    {
                        return (page, PageCursor.Encode(window.Skip + limit));
                    }
                    page.Add(new Picked(next.Segment, next.HeadIndex, standing));
                }
            }
            next.Advance();
        }
    }

    private static bool Covers(TimelineWindow window, in TimelineRow row) =>
        (window.From is not { } from || (row.IsDated && row.Latest >= from.DayNumber))
        && (window.To is not { } to || (row.IsDated && row.Earliest <= to.DayNumber));

    /// <summary>A segment's rows from some day on, a block at a time, skipping blocks none of whose versions is alive at the count.</summary>
    private sealed class RowCursor(LoadedSegment segment, int count)
    {
        private int _block;
        private RowBlockData? _rows;
        private int _at;
        private int _skipBelow = int.MinValue;

        public LoadedSegment Segment => segment;

        public TimelineRow Head => _rows!.Rows[_at];

        public int HeadIndex => (_block * segment.Directory.Sizes.Rows) + _at;

        /// <summary>From the first row whose earliest day is at least <paramref name="day"/>.</summary>
        public void StartFrom(int day)
        {
            var blocks = segment.Directory.RowBlocks;
            var firstAtOrAfter = Array.FindIndex(blocks, b => b.FirstEarliest >= day) is var i and >= 0 ? i : blocks.Length;
            (_block, _rows, _skipBelow) = (Math.Max(0, firstAtOrAfter - 1), null, day);
        }

        public void JumpToUndated() =>
            (_block, _rows, _skipBelow) = (segment.Directory.DatedCount / segment.Directory.Sizes.Rows, null, TimelineRow.Undated);

        /// <summary>Whether there is a head row; reads the next block that may hold one when needed.</summary>
        public async Task<bool> FillAsync()
        {
            var blocks = segment.Directory.RowBlocks;
            while (true)
            {
                if (_rows is null)
                {
                    while (_block < blocks.Length && (count < blocks[_block].MinFrom || count >= blocks[_block].MaxTo))
                    {
                        _block++;
                    }
                    if (_block >= blocks.Length)
                    {
                        return false;
                    }
                    (_rows, _at) = (await segment.RowsAsync(_block).ConfigureAwait(false), 0);
                }
                while (_at < _rows.Rows.Length && _rows.Rows[_at].Earliest < _skipBelow)
                {
                    _at++;
                }
                if (_at < _rows.Rows.Length)
                {
                    return true;
                }
                (_rows, _block) = (null, _block + 1);
            }
        }

        public void Advance() => _at++;
    }
}
