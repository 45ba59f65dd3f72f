using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Rows;
using BilateralTimeline.Application.Projections.Snapshots;
using BilateralTimeline.Application.Projections.Versions;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.TimelineVersions;

/// <summary>
/// The views of a one-shot process (the CLI) that answer a timeline page of a large dyad from its persisted
/// entry versions (<see cref="TimelineSegmentStore"/>) without loading a ledger: when the stored segments reach
/// the known-at asked about (the first event recorded after it is within them, or the stream ends there), the
/// page is a walk of their rows in the timeline's order from the window's first day, reading only the blocks it
/// reaches and the records it prints. Otherwise the process catches up: it folds the stream from the ledger
/// snapshot at the segments' end (from the start when there is none) through the tail with an
/// <see cref="EntryLog"/>, answers, and appends the tail's segment and a snapshot at its end; a tail shorter than
/// <paramref name="writeAfter"/> is left to <paramref name="inner"/> (the snapshot path folds it), not stored. A segment
/// whose chain hash the log does not hold at its last revision, or whose pieces are not whole, is never used:
/// all are rebuilt from the log. Everything else, and the timeline of a small dyad, comes from <paramref name="inner"/>.
/// </summary>
public sealed class TimelineVersionViews(IEventStore store, IProjectionStore projections, ILedgerViews inner, int smallestDyad, int writeAfter, TimelineBlocks blocks, HeldTimelines? held = null) : ILedgerViews
{
    private readonly TimelineSegmentStore _segments = new(projections);
    private readonly LedgerSnapshotStore _snapshots = new(projections);
    private readonly Views.WholeFoldRelease _wholeFold = new(held?.WholeFolds);

    public TimelineVersionViews(IEventStore store, IProjectionStore projections, ILedgerViews inner)
        : this(store, projections, inner, Views.SnapshotViews.DefaultSmallestDyad, Views.SnapshotViews.DefaultWriteAfter, TimelineBlocks.Default)
    {
    }

    /// <summary>The layout version the segments are stored under (a build that changes it reads no older ones).</summary>
    public const int Format = TimelineSegmentCodec.Format;

    /// <summary>The projection (in the read-model store) that holds the dyad's segments.</summary>
    public static string ProjectionName(DyadId dyad) => TimelineSegmentStore.ProjectionName(dyad);

    public Task<LedgerView> AtAsync(DyadId dyad, DateTimeOffset? knownAt, CancellationToken cancellationToken) => inner.AtAsync(dyad, knownAt, cancellationToken);

    public Task<RelationshipStateView> StateAsync(DyadId dyad, DateOnly asOf, DateTimeOffset? knownAt, int skip, int? limit, CancellationToken cancellationToken) =>
        inner.StateAsync(dyad, asOf, knownAt, skip, limit, cancellationToken);

    public async Task<TimelineView> TimelineAsync(DyadId dyad, DateOnly asOf, DateTimeOffset? knownAt, TimelineWindow window, CancellationToken cancellationToken)
    {
        var page = await PageAsync(dyad, asOf, knownAt, window, cancellationToken).ConfigureAwait(false);
        _wholeFold.GiveBack();
        return page;
    }

    private async Task<TimelineView> PageAsync(DyadId dyad, DateOnly asOf, DateTimeOffset? knownAt, TimelineWindow window, CancellationToken cancellationToken)
    {
        var head = await NextAsync(dyad, -1, ReadDirection.Backwards, cancellationToken).ConfigureAwait(false);
        var last = head?.StreamRevision ?? -1;
        if (last < Math.Max(0, smallestDyad - 1))
        {
            return await inner.TimelineAsync(dyad, asOf, knownAt, window, cancellationToken).ConfigureAwait(false);
        }
        var fromHeld = held is not null && head is not null ? await HeldAsync(held, dyad, head, cancellationToken).ConfigureAwait(false) : null;
        // Held segments that do not reach the known-at (the stored ones, after a write) need the tail folded: that takes the turn too.
        var reached = fromHeld is null ? null : await HeldReachAsync(dyad, fromHeld, knownAt, cancellationToken).ConfigureAwait(false);
        if (held is null || head is null || reached is not null)
        {
            return await PageFromAsync(dyad, asOf, knownAt, window, head, last, fromHeld, reached, cancellationToken).ConfigureAwait(false);
        }
        // One page of a dyad at a time loads or folds what the server does not hold; the pages asked meanwhile wait, then walk
        // what it held (the tail folded included) or read what it stored. Each used to fold on its own: four pages asked at once of a new build's server
        // folded a million events four times over, side by side, a few gigabytes each.
        using (await held.TurnAsync(dyad, cancellationToken).ConfigureAwait(false))
        {
            fromHeld = await HeldAsync(held, dyad, head, cancellationToken).ConfigureAwait(false);
            return await PageFromAsync(dyad, asOf, knownAt, window, head, last, fromHeld, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <see cref="ReachAsync"/> of held segments: null when they need a fold first. A block found damaged (another process
    /// stored its own in their place) is null too: the page then takes the turn, and <see cref="PageFromAsync"/> loads what
    /// is stored now.
    /// </summary>
    private async Task<int?> HeldReachAsync(DyadId dyad, Loaded loaded, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        try
        {
            return await ReachAsync(dyad, loaded, knownAt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDamage(e))
        {
            return null;
        }
    }

    /// <summary>
    /// The page from the segments held (<paramref name="fromHeld"/>, whose count at the known-at is <paramref name="reached"/>
    /// when the caller worked it out), or else from those stored, caught up with the log when they do not reach the known-at.
    /// </summary>
    private async Task<TimelineView> PageFromAsync(DyadId dyad, DateOnly asOf, DateTimeOffset? knownAt, TimelineWindow window, RecordedEvent? head, long last, Loaded? fromHeld, int? reached, CancellationToken cancellationToken)
    {
        var loaded = fromHeld ?? await LoadAsync(dyad, cancellationToken).ConfigureAwait(false);
        var foldedWhole = false;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var count = reached ?? await ReachAsync(dyad, loaded, knownAt, cancellationToken).ConfigureAwait(false);
                reached = null;
                if (count is null && !loaded.Untrusted && loaded.Revisions > 0)
                {
                    loaded.ForgetUnstored();
                    if (await CatchUpFromRowsAsync(dyad, loaded, cancellationToken).ConfigureAwait(false))
                    {
                        count = await CountAtAsync(loaded.Segments, knownAt).ConfigureAwait(false) ?? loaded.Revisions;
                    }
                }
                if (count is null && !loaded.Untrusted && loaded.Revisions > 0 && last + 1 - loaded.Revisions < writeAfter)
                {
                    // A tail too short to store: continuing the segments would load the snapshot at their end and seed
                    // an entry log with every entry of it, which costs more than the snapshot path's fold of the same tail.
                    return await inner.TimelineAsync(dyad, asOf, knownAt, window, cancellationToken).ConfigureAwait(false);
                }
                if (count is null)
                {
                    foldedWhole = await CatchUpAsync(dyad, loaded, cancellationToken).ConfigureAwait(false);
                    count = await CountAtAsync(loaded.Segments, knownAt).ConfigureAwait(false) ?? loaded.Revisions;
                }
                var page = await StoredTimelinePage.BuildAsync(
                    dyad.ToString(), loaded.Segments, count.Value, await LastPositionAsync(loaded.Segments, count.Value).ConfigureAwait(false), asOf, knownAt, window,
                    () => inner.AtAsync(dyad, knownAt, cancellationToken)).ConfigureAwait(false);
                if (foldedWhole)
                {
                    // The whole history folded and encoded here is stored: the next page reads it block by block rather
                    // than hold it all (it kept a server 250 MB larger after a new build's first page at 1M events).
                    held?.Forget(dyad);
                }
                else if (held is not null && head is not null && !loaded.Untrusted)
                {
                    // The next page walks them again: the stored ones while the stored index is unchanged, a tail folded but not
                    // stored only at this head (see HeldAsync).
                    held.Hold(dyad, new HeldTimelines.Held(last, head.Hash.ToArray(), loaded.Index, [.. loaded.Segments]));
                }
                return page;
            }
            catch (Exception e) when (fromHeld is not null && IsDamage(e))
            {
                // The held segments' blocks are gone (another process stored its own in their place): load what is stored now.
                held!.Forget(dyad);
                fromHeld = null;
                attempt--;
                loaded = await LoadAsync(dyad, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt == 0 && IsDamage(e))
            {
                // A block missing or edited: nothing stored is trusted; all is folded from the log again and replaced.
                loaded = new Loaded(loaded.Index, [], untrusted: true);
            }
        }
    }

    /// <summary>
    /// The segments <paramref name="held"/> keeps, when the stored index is the one they came from: all of them while the
    /// stream still ends with the event they were held at, else only the stored ones. A tail folded but not stored is
    /// continued by no catch-up (a catch-up starts from the rows and snapshots stored at the stored segments' end), so once
    /// the stream has moved on it is dropped and the new tail folded from the stored end. The stored segments still answer
    /// every known-at they reach: after a write, pages about earlier recording times, which used to load every directory
    /// again and read every block anew, walk what the server holds.
    /// </summary>
    private async Task<Loaded?> HeldAsync(HeldTimelines held, DyadId dyad, RecordedEvent head, CancellationToken cancellationToken)
    {
        if (held.For(dyad) is not { } kept)
        {
            return null;
        }
        var index = await _segments.ReadIndexAsync(dyad, cancellationToken).ConfigureAwait(false);
        if (!kept.Lists(index))
        {
            return null;
        }
        var atHead = kept.HeadRevision == head.StreamRevision && head.Hash.Span.SequenceEqual(kept.HeadHash);
        return atHead ? new Loaded(index, [.. kept.Segments], untrusted: false)
            : index.Segments.Count > 0 ? new Loaded(index, [.. kept.Segments.Take(index.Segments.Count)], untrusted: false)
            : null;
    }

    private static bool IsDamage(Exception e) =>
        e is InvalidDataException or EndOfStreamException or ArgumentException or OverflowException or FormatException or KeyNotFoundException or IndexOutOfRangeException;

    /// <summary>The stored segments that continue one another from revision 0 and match the log; <see cref="Loaded.Untrusted"/> when any did not.</summary>
    private async Task<Loaded> LoadAsync(DyadId dyad, CancellationToken cancellationToken)
    {
        var index = await _segments.ReadIndexAsync(dyad, cancellationToken).ConfigureAwait(false);
        var directories = await _segments.ReadAsync(dyad, [.. index.Segments.Select(s => TimelineSegmentStore.DirectoryKey(s.FirstRevision))], cancellationToken).ConfigureAwait(false);
        var segments = new List<LoadedSegment>();
        var (revisions, versions) = (0L, 0);
        foreach (var stored in index.Segments)
        {
            try
            {
                if (stored.FirstRevision != revisions || stored.FirstVersion != versions
                    || !directories.TryGetValue(TimelineSegmentStore.DirectoryKey(stored.FirstRevision), out var document))
                {
                    return new Loaded(index, [], untrusted: true);
                }
                var directory = TimelineSegmentCodec.DecodeDirectory(document);
                if (directory.FirstRevision != stored.FirstRevision || directory.FirstVersion != versions || directory.LastRevision != stored.LastRevision
                    || !directory.Hash.AsSpan().SequenceEqual(stored.Hash)
                    || await NextAsync(dyad, directory.LastRevision, ReadDirection.Forwards, cancellationToken).ConfigureAwait(false) is not { } at
                    || at.StreamRevision != directory.LastRevision || !at.Hash.Span.SequenceEqual(directory.Hash))
                {
                    return new Loaded(index, [], untrusted: true);
                }
                // Not through this question's token: a server holds the segment for the questions after this one, and a
                // token cancelled with its request (a closed connection) failed every later page that read a new block.
                segments.Add(new LoadedSegment(directory, keys => _segments.ReadAsync(dyad, keys, CancellationToken.None)));
                (revisions, versions) = (directory.LastRevision + 1, directory.FirstVersion + directory.RowCount);
            }
            catch (Exception e) when (IsDamage(e))
            {
                return new Loaded(index, [], untrusted: true);
            }
        }
        return new Loaded(index, segments, index.Damaged);
    }

    /// <summary>The count of events the known-at cuts the stream at, when the segments reach it; null when a catch-up must fold further first.</summary>
    private async Task<int?> ReachAsync(DyadId dyad, Loaded loaded, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        if (await CountAtAsync(loaded.Segments, knownAt).ConfigureAwait(false) is { } within)
        {
            return within;
        }
        if (loaded.Revisions == 0)
        {
            return null;
        }
        // The segments hold every event recorded by then: they answer if the stream ends with them or its next event was recorded later.
        var next = await NextAsync(dyad, loaded.Revisions, ReadDirection.Forwards, cancellationToken).ConfigureAwait(false);
        return next is null || (knownAt is { } t && next.Recorded > t) ? loaded.Revisions : null;
    }

    /// <summary>As the fold cuts the stream: up to the first event recorded after <paramref name="knownAt"/>; null when that event may lie after the segments.</summary>
    private static async Task<int?> CountAtAsync(IReadOnlyList<LoadedSegment> segments, DateTimeOffset? knownAt)
    {
        if (knownAt is not { } t)
        {
            return null;
        }
        var ticks = t.UtcTicks;
        foreach (var segment in segments)
        {
            var blocks = segment.Directory.RevisionBlocks;
            for (var b = 0; b < blocks.Length; b++)
            {
                if (blocks[b].MaxTicks <= ticks)
                {
                    continue;
                }
                var (recorded, _) = await segment.RevisionsAsync(b).ConfigureAwait(false);
                var i = Array.FindIndex(recorded, r => r > ticks);
                return checked((int)(segment.FirstRevision + ((long)b * segment.Directory.Sizes.Revisions) + i));
            }
        }
        return null;
    }

    /// <summary>The ledger's last position after <paramref name="count"/> events (0 before any, as the empty fold says).</summary>
    private static async Task<long> LastPositionAsync(IReadOnlyList<LoadedSegment> segments, int count)
    {
        var revision = count - 1L;
        if (revision < 0)
        {
            return LedgerView.Create().LastPosition;
        }
        var segment = segments.Last(s => s.FirstRevision <= revision);
        var offset = (int)(revision - segment.FirstRevision);
        var (_, positions) = await segment.RevisionsAsync(offset / segment.Directory.Sizes.Revisions).ConfigureAwait(false);
        return positions[offset % segment.Directory.Sizes.Revisions];
    }

    /// <summary>
    /// Folds what the segments lack and adds it to them as a new segment, held in memory for this query and
    /// stored for the next (replacing all when they were not trusted or cannot be continued).
    /// </summary>
    private async Task<bool> CatchUpAsync(DyadId dyad, Loaded loaded, CancellationToken cancellationToken)
    {
        var snapshots = await _snapshots.ReadSetAsync(dyad, cancellationToken).ConfigureAwait(false);
        var start = loaded.Untrusted || loaded.Revisions == 0 ? null : await _snapshots.ReadHeldAsync(dyad, snapshots, loaded.Revisions - 1, loaded.Segments[^1].Directory.Hash, cancellationToken).ConfigureAwait(false);
        var replace = loaded.Untrusted || start is null;
        if (replace)
        {
            loaded.Segments.Clear();
        }
        using var wholeFold = replace ? await _wholeFold.FoldingAsync(cancellationToken).ConfigureAwait(false) : null;
        var from = loaded.Revisions;
        var open = await OpenByOrderAsync(loaded.Segments).ConfigureAwait(false);
        var sides = new SidesLog();
        loaded.Segments.ForEach(s => sides.AddPart(s.Directory.Sides));
        var marks = sides.Marks;
        var log = start is null ? new EntryLog() : new EntryLog(start.View, from);
        var seeded = log.Versions.Count;
        var builder = (start?.View ?? LedgerView.Create()).ToBuilder();
        var recorded = new List<long>();
        RecordedEvent? last = null;
        var recordedUpTo = start?.RecordedUpTo ?? DateTimeOffset.MinValue;
        // The replay's shape-exact reader: the same envelopes as LedgerReader.ToEnvelope, faster on a whole stream.
        var decoder = new ReplayDecoder();
        await foreach (var e in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, from, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var envelope = decoder.Decode(e);
            if (envelope is not null)
            {
                try
                {
                    log.Apply(builder, envelope);
                }
                catch (Exception failure) when (FoldFailure.IsFoldFailure(failure))
                {
                    throw FoldFailure.At(envelope.Position, EventTypes.NameOf(envelope.Event), failure);
                }
            }
            else
            {
                log.Skip();
            }
            sides.Add(from + recorded.Count, envelope);
            recorded.Add(e.Recorded.UtcTicks);
            recordedUpTo = e.Recorded > recordedUpTo ? e.Recorded : recordedUpTo;
            last = e;
        }
        if (last is null)
        {
            return replace;
        }
        var segment = Segment(log, seeded, open, from, loaded.Versions, recorded, last.Hash.ToArray(), sides.PartFrom(marks.Sources, marks.Contradictions, marks.Resolutions), partial: false, out var numbers);
        var encoded = TimelineSegmentCodec.Encode(segment, blocks);
        loaded.Segments.Add(LoadedSegment.Resident(encoded));
        if (!replace && recorded.Count < writeAfter)
        {
            // A short tail is folded again by the next process rather than stored: storing it means a snapshot of
            // the whole ledger at its end, which costs more than folding the tail again from the same snapshot.
            return replace;
        }
        var view = builder.ToImmutable();
        var snapshot = snapshots.Entries.Any(s => s.Revision == last.StreamRevision && s.Hash.AsSpan().SequenceEqual(last.Hash.Span))
            ? null
            : new LedgerSnapshot(last.StreamRevision, last.Hash.ToArray(), recordedUpTo, view);
        // Every claim row and every open version's row: the next catch-up continues from them without a snapshot.
        List<ProjectionRowChange> claimRows = [.. ClaimRows.All(view, last.StreamRevision, last.Hash.ToArray(), keepChanges: true), .. OpenVersionRows.Changes(log.Versions, numbers, open.Keys)];
        await LeaveAsync(dyad, loaded.Index, segment, encoded, replace, snapshots, snapshot, claimRows, cancellationToken).ConfigureAwait(false);
        return replace;
    }

    /// <summary>
    /// The catch-up that reads no snapshot: it folds the tail onto the part of the ledger the tail reaches, read from
    /// the <see cref="ClaimRows"/> at the segments' end, continues the stored versions of the entries it touches (found
    /// by <see cref="OpenVersionRows"/>) and holds the tail's segment for this query; a tail of at least
    /// writeAfter events is stored with the rows it changed, a shorter one is folded again by the
    /// next process, which costs it no more than reading it. Its cost follows the tail, not the history. False when the
    /// rows do not reflect the segments' end (none written yet, or a commit that did not land): the caller then folds
    /// from a snapshot.
    /// </summary>
    private async Task<bool> CatchUpFromRowsAsync(DyadId dyad, Loaded loaded, CancellationToken cancellationToken)
    {
        var from = loaded.Revisions;
        var end = loaded.Segments[^1].Directory;
        var (tail, last) = await PartialLedger.ReadTailAsync(store, dyad.StreamName, from, cancellationToken).ConfigureAwait(false);
        if (last is null)
        {
            return true;
        }
        var name = ProjectionName(dyad);
        var events = tail.Select(t => t.Envelope?.Event).OfType<Domain.ILedgerEvent>();
        if (await PartialLedger.ReadAsync(projections, name, Format, events, end.LastRevision, end.Hash, keepChanges: true, cancellationToken).ConfigureAwait(false) is not { } part)
        {
            return false;
        }
        var start = part.View(await LastPositionAsync(loaded.Segments, from).ConfigureAwait(false));
        var log = new EntryLog(start, from);
        var seeded = log.Versions.Count;
        if (await OpenVersionRows.ReadAsync(projections, name, Format, ClaimRows.At(end.LastRevision, end.Hash), log.Versions.Select(v => v.Order), cancellationToken).ConfigureAwait(false) is not { } open)
        {
            return false;
        }
        var builder = start.ToBuilder();
        var sides = new SidesLog();
        loaded.Segments.ForEach(s => sides.AddPart(s.Directory.Sides));
        var marks = sides.Marks;
        for (var i = 0; i < tail.Count; i++)
        {
            part.Apply(log, builder, tail[i].Envelope);
            sides.Add(from + i, tail[i].Envelope);
        }
        var segment = Segment(log, seeded, open, from, loaded.Versions, [.. tail.Select(t => t.Recorded)], last.Hash.ToArray(), sides.PartFrom(marks.Sources, marks.Contradictions, marks.Resolutions), partial: true, out var numbers);
        if (tail.Count < writeAfter)
        {
            loaded.Segments.Add(LoadedSegment.Resident(TimelineSegmentCodec.Encode(segment, blocks)));
            return true;
        }
        var (keep, merged) = await MergedAsync(loaded, segment).ConfigureAwait(false);
        var encoded = TimelineSegmentCodec.Encode(merged, blocks);
        var dropped = loaded.Segments.Skip(keep).Select(s => s.Directory).ToList();
        loaded.Segments.RemoveRange(keep, loaded.Segments.Count - keep);
        loaded.Segments.Add(LoadedSegment.Resident(encoded));
        List<ProjectionRowChange> claimRows =
        [
            .. await part.ChangesAsync(projections, name, Format, builder.ToImmutable(), last.StreamRevision, last.Hash.ToArray(), cancellationToken).ConfigureAwait(false),
            .. OpenVersionRows.Changes(log.Versions, numbers, []),
        ];
        try
        {
            await _segments.ReplaceAfterAsync(dyad, loaded.Index, keep, dropped, merged, encoded, claimRows, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // As in LeaveAsync: a timeline that cannot be stored only means the next process folds this tail again.
        }
        return true;
    }

    /// <summary>
    /// The tail's segment merged with the short segments stored before it (<see cref="SegmentMerging"/>), and how many
    /// stored segments it follows: each stored tail would otherwise add a segment, which every page reads a directory, a
    /// hash check and a row block of. The stored versions it takes in keep their numbers; their ends recorded since are
    /// written into their rows.
    /// </summary>
    private async Task<(int Keep, TimelineSegment Segment)> MergedAsync(Loaded loaded, TimelineSegment tail)
    {
        var segments = loaded.Segments;
        var keep = SegmentMerging.Keep([.. segments.Select(s => s.Directory.Revisions)], tail.RecordedTicks.Length, writeAfter);
        if (keep == segments.Count)
        {
            return (keep, tail);
        }
        var merging = segments.Skip(keep).ToList();
        var total = merging.Sum(s => s.Directory.Revisions) + tail.RecordedTicks.Length;
        var firstVersion = merging[0].Directory.FirstVersion;
        var ends = merging.SelectMany(s => s.Directory.Ended).Concat(tail.Ended).ToList();
        var within = ends.Where(e => e.Version >= firstVersion).ToDictionary(e => e.Version, e => e.To);
        var (ticks, positions) = (new List<long>(total), new List<long>(total));
        var rows = new List<TimelineRow>();
        var records = new List<TimelineRecord>();
        foreach (var segment in merging)
        {
            for (var b = 0; b < segment.Directory.RevisionBlocks.Length; b++)
            {
                var (blockTicks, blockPositions) = await segment.RevisionsAsync(b).ConfigureAwait(false);
                ticks.AddRange(blockTicks);
                positions.AddRange(blockPositions);
            }
            var stored = await segment.AllRowsAsync().ConfigureAwait(false);
            var printed = await segment.RecordsAsync([.. Enumerable.Range(0, stored.Count)]).ConfigureAwait(false);
            for (var i = 0; i < stored.Count; i++)
            {
                rows.Add(within.TryGetValue(stored[i].Version, out var to) ? stored[i] with { To = to } : stored[i]);
                records.Add(printed[i]);
            }
        }
        ticks.AddRange(tail.RecordedTicks);
        positions.AddRange(tail.LastPositions);
        for (var i = 0; i < tail.Rows.Length; i++)
        {
            rows.Add(tail.Rows[i]);
            records.Add(tail.RecordOf(i));
        }
        var sortedRows = rows.ToArray();
        var sortedRecords = records.ToArray();
        Array.Sort(sortedRows, sortedRecords, Comparer<TimelineRow>.Create((a, b) => TimelineRow.Compare(a, b)));
        var sides = new SidesLog();
        segments.Take(keep).ToList().ForEach(s => sides.AddPart(s.Directory.Sides));
        var marks = sides.Marks;
        merging.ForEach(s => sides.AddPart(s.Directory.Sides));
        sides.AddPart(tail.Sides);
        return (keep, new TimelineSegment(
            merging[0].FirstRevision, tail.Hash, [.. ticks], [.. positions], firstVersion, sortedRows, i => sortedRecords[i],
            [.. ends.Where(e => e.Version < firstVersion)], sides.PartFrom(marks.Sources, marks.Contradictions, marks.Resolutions)));
    }

    /// <summary>The stored versions still alive after the segments' last revision, by their entry order: what a catch-up continues.</summary>
    private static async Task<Dictionary<long, int>> OpenByOrderAsync(IReadOnlyList<LoadedSegment> segments)
    {
        var ended = segments.SelectMany(s => s.Directory.Ended).Select(e => e.Version).ToHashSet();
        var open = new Dictionary<long, int>();
        foreach (var segment in segments)
        {
            foreach (var row in await segment.AllRowsAsync().ConfigureAwait(false))
            {
                if (row.To == TimelineRow.Open && !ended.Contains(row.Version))
                {
                    open[row.Order] = row.Version;
                }
            }
        }
        return open;
    }

    /// <summary>
    /// The tail's segment: the versions the log made, except that the ones it started with (the entries alive at
    /// <paramref name="from"/>) are the stored versions still open there, matched by their order, so a catch-up
    /// writes only what changed; a stored version with no match ends at <paramref name="from"/>.
    /// </summary>
    /// <remarks>
    /// <paramref name="numbers"/>: each log version's number in the segments (the stored one it continues, or its own).
    /// With <paramref name="partial"/>, the log started from part of the ledger: stored versions it did not start with go on.
    /// </remarks>
    private static TimelineSegment Segment(EntryLog log, int seeded, Dictionary<long, int> open, int from, int firstVersion, List<long> recorded, byte[] hash, SidesPart sides, bool partial, out int[] numbers)
    {
        var rows = new List<TimelineRow>();
        var versions = new List<EntryVersion>();
        var ended = new List<TimelineEnd>();
        numbers = new int[log.Versions.Count];
        for (var i = 0; i < log.Versions.Count; i++)
        {
            var version = log.Versions[i];
            if (i < seeded && open.Remove(version.Order, out var stored))
            {
                numbers[i] = stored;
                if (version.To != TimelineRow.Open)
                {
                    ended.Add(new TimelineEnd(stored, version.To));
                }
                continue;
            }
            numbers[i] = firstVersion + rows.Count;
            rows.Add(TimelineRow.Of(version.Entry, version.From, version.To, firstVersion + rows.Count, version.Order));
            versions.Add(version);
        }
        if (!partial)
        {
            ended.AddRange(open.Values.Order().Select(stored => new TimelineEnd(stored, from)));
        }
        var sortedRows = rows.ToArray();
        var sortedVersions = versions.ToArray();
        Array.Sort(sortedRows, sortedVersions, Comparer<TimelineRow>.Create((a, b) => TimelineRow.Compare(a, b)));
        var n = recorded.Count;
        var positions = new long[n];
        for (var i = 0; i < n; i++)
        {
            positions[i] = log.LastPositionAt(from + i + 1);
        }
        return new TimelineSegment(from, hash, [.. recorded], positions, firstVersion, sortedRows, i => TimelineRecord.Of(sortedVersions[i].Entry, sortedVersions[i].Order), ended, sides);
    }

    private async Task LeaveAsync(DyadId dyad, StoredTimeline seen, TimelineSegment segment, EncodedSegment encoded, bool replace, SnapshotSet snapshots, LedgerSnapshot? snapshot, IReadOnlyList<ProjectionRowChange> claimRows, CancellationToken cancellationToken)
    {
        try
        {
            // The snapshot first: a segment is only continued from a snapshot at its end.
            if (snapshot is not null)
            {
                await _snapshots.WriteAsync(dyad, snapshots, snapshot, replaceAll: false, cancellationToken).ConfigureAwait(false);
            }
            await _segments.AppendAsync(dyad, seen, segment, encoded, replace, claimRows, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The answer is already folded from the log; a timeline that cannot be stored (a read-only file, a busy
            // database) only means the next process folds this tail again.
        }
    }

    private async Task<RecordedEvent?> NextAsync(DyadId dyad, long revision, ReadDirection direction, CancellationToken cancellationToken)
    {
        await foreach (var at in store.ReadStreamAsync(dyad.StreamName, direction, revision < 0 ? long.MaxValue : revision, 1, cancellationToken).ConfigureAwait(false))
        {
            return at;
        }
        return null;
    }

    /// <summary>The segments read (and any a catch-up added); <see cref="Untrusted"/>: what is stored must be replaced, not continued.</summary>
    private sealed class Loaded(StoredTimeline index, List<LoadedSegment> segments, bool untrusted)
    {
        public StoredTimeline Index { get; } = index;

        public List<LoadedSegment> Segments { get; } = segments;

        public bool Untrusted { get; } = untrusted;

        public int Revisions => Segments.Count == 0 ? 0 : checked((int)(Segments[^1].Directory.LastRevision + 1));

        public int Versions => Segments.Count == 0 ? 0 : Segments[^1].Directory.FirstVersion + Segments[^1].Directory.RowCount;

        /// <summary>
        /// Drops the segments after the stored ones (a tail a server folded and held, unstored), so that a catch-up from the
        /// rows starts where they are: the rows beside the segments reflect only the stored ones. Held at one head, such a
        /// tail met a write landing during the page (its rows were never stored), and the page fell to the inner views,
        /// which in a server fold the whole history (1.8 GB and 40 s at a million events, four clients writing and reading).
        /// </summary>
        public void ForgetUnstored()
        {
            if (Index.Segments.Count > 0 && Segments.Count > Index.Segments.Count)
            {
                Segments.RemoveRange(Index.Segments.Count, Segments.Count - Index.Segments.Count);
            }
        }
    }
}
