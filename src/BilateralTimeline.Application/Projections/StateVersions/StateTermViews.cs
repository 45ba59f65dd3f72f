using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Rows;
using BilateralTimeline.Application.Projections.Snapshots;
using BilateralTimeline.Application.Projections.Versions;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.StateVersions;

/// <summary>
/// The views of a one-shot process (the CLI) that answer the relationship state of a large dyad from its
/// persisted state terms (<see cref="StateTermStore"/>) without loading a ledger: when the stored segments
/// reach the known-at asked about (the first event recorded after it is within them, or the stream ends
/// there), the state is a scan of their columns and a read of the few records it prints. Otherwise the
/// process catches up: it folds the stream from the ledger snapshot at the segments' end (from the start
/// when there is none) through the tail with an <see cref="EntryLog"/>, answers, and appends the tail's
/// segment and a snapshot at its end, so the next process is fast (a tail shorter than <paramref name="writeAfter"/>
/// events since the last snapshot is stored without one: the next process answers from it, and the next catch-up
/// folds from that snapshot again, onto the terms up to it, and stores its tail in place of the short segments).
/// A segment whose chain hash the log does
/// not hold at its last revision, or whose bytes are not whole, is never used: all are rebuilt from the log.
/// Everything else (and the state of a small dyad, or with a replay filter) comes from <paramref name="inner"/>.
/// </summary>
/// <remarks>
/// A segment that merging will never take in (see <see cref="SegmentMerging.NeverMerged"/>; <paramref name="mergeCap"/> is
/// its cap) is read without the versions that ended within it when the question's count lies past its end (the known-at
/// is no earlier than every recording time up to it): they are never alive there, and at a million events they are
/// eight in nine of its versions.
/// </remarks>
public sealed partial class StateTermViews(IEventStore store, IProjectionStore projections, ILedgerViews inner, int smallestDyad, int writeAfter, int mergeCap = StateTermViews.DefaultMergeCap, HeldStateTerms? held = null) : ILedgerViews
{
    private readonly StateTermStore _segments = new(projections);
    private readonly LedgerSnapshotStore _snapshots = new(projections);
    private readonly Views.WholeFoldRelease _wholeFold = new(held?.WholeFolds);

    // The revisions and versions a catch-up's tail may add to the loaded terms without their columns being copied to grow.
    private const int TailRoom = 4096;

    public StateTermViews(IEventStore store, IProjectionStore projections, ILedgerViews inner)
        : this(store, projections, inner, Views.SnapshotViews.DefaultSmallestDyad, Views.SnapshotViews.DefaultWriteAfter)
    {
    }

    /// <summary>The events from which a dyad's state comes from its terms, for questions and drawn rows alike (below: from the inner views).</summary>
    internal int SmallestDyad => Math.Max(1, smallestDyad);

    /// <summary>The layout version the segments are stored under (a build that changes it reads no older ones).</summary>
    public const int Format = StateSegmentCodec.Format;

    /// <summary>The longest segment, in revisions, that merging makes (<see cref="SegmentMerging.Cap"/>).</summary>
    public const int DefaultMergeCap = SegmentMerging.Cap;

    /// <summary>Versions the last answered state's terms left unread, being past their end (for tests: that the shortcut is taken).</summary>
    public int VersionsLeftUnread { get; private set; }

    /// <summary>The projection (in the read-model store) that holds the dyad's segments.</summary>
    public static string ProjectionName(DyadId dyad) => StateTermStore.ProjectionName(dyad);

    public Task<LedgerView> AtAsync(DyadId dyad, DateTimeOffset? knownAt, CancellationToken cancellationToken) => inner.AtAsync(dyad, knownAt, cancellationToken);

    public async Task<RelationshipStateView> StateAsync(DyadId dyad, DateOnly asOf, DateTimeOffset? knownAt, int skip, int? limit, CancellationToken cancellationToken)
    {
        var last = (await NextAsync(dyad, -1, ReadDirection.Backwards, cancellationToken).ConfigureAwait(false))?.StreamRevision ?? -1;
        if (last + 1 < SmallestDyad)
        {
            return await inner.StateAsync(dyad, asOf, knownAt, skip, limit, cancellationToken).ConfigureAwait(false);
        }
        if (held is not null)
        {
            var answer = await HeldStateAsync(held, dyad, asOf, knownAt, skip, limit, cancellationToken).ConfigureAwait(false);
            _wholeFold.GiveBack();
            return answer;
        }
        var loaded = await LoadAsync(dyad, int.MaxValue, knownAt, cancellationToken).ConfigureAwait(false);
        var count = await ReachAsync(dyad, loaded.Terms, knownAt, cancellationToken).ConfigureAwait(false);
        Dictionary<int, EntryStateParts> resident = [];
        if (count is null)
        {
            resident = await CatchUpAsync(dyad, loaded, knownAt, cancellationToken).ConfigureAwait(false);
            count = loaded.Terms.CountAt(knownAt) ?? loaded.Terms.Revisions;
        }
        return await DrawAsync(dyad, loaded, resident, count.Value, asOf, knownAt, skip, limit, cancellationToken).ConfigureAwait(false)
            ?? await RebuiltAsync(dyad, loaded, asOf, knownAt, skip, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The state after <paramref name="count"/> events from the loaded terms and their records; null when a heavy row is missing or edited.</summary>
    private async Task<RelationshipStateView?> DrawAsync(
        DyadId dyad, Loaded loaded, Dictionary<int, EntryStateParts> resident, int count, DateOnly asOf, DateTimeOffset? knownAt, int skip, int? limit, CancellationToken cancellationToken)
    {
        var draft = loaded.Terms.Draft(count, asOf, skip, limit);
        if (await RecordsAsync(dyad, loaded, resident, draft.Needed.ToHashSet(), cancellationToken).ConfigureAwait(false) is not { } records)
        {
            return null;
        }
        VersionsLeftUnread = loaded.Terms.Unread;
        return draft.Finish(dyad.ToString(), asOf, knownAt, records);
    }

    /// <summary>After a heavy row was found missing or edited: nothing stored is trusted; all is folded from the log again and replaced.</summary>
    private async Task<RelationshipStateView> RebuiltAsync(DyadId dyad, Loaded loaded, DateOnly asOf, DateTimeOffset? knownAt, int skip, int? limit, CancellationToken cancellationToken)
    {
        var (rebuilt, resident) = await FoldedAgainAsync(dyad, loaded, knownAt, cancellationToken).ConfigureAwait(false);
        var draft = rebuilt.Terms.Draft(rebuilt.Terms.CountAt(knownAt) ?? rebuilt.Terms.Revisions, asOf, skip, limit);
        VersionsLeftUnread = rebuilt.Terms.Unread;
        return draft.Finish(dyad.ToString(), asOf, knownAt, resident);
    }

    /// <summary>Terms folded again from the log in place of <paramref name="loaded"/>'s, none of which is trusted, and the records of all their versions.</summary>
    private async Task<(Loaded Rebuilt, Dictionary<int, EntryStateParts> Records)> FoldedAgainAsync(DyadId dyad, Loaded loaded, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var rebuilt = new Loaded(loaded.Index, new StateTerms(), [], untrusted: true);
        return (rebuilt, await CatchUpAsync(dyad, rebuilt, knownAt, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The first <paramref name="segments"/> stored segments that continue one another from revision 0 and match the log,
    /// decoded; <see cref="Loaded.Untrusted"/> when any did not. A segment never merged, all of whose events were recorded
    /// by <paramref name="knownAt"/> (null: now), is read without the versions that ended within it.
    /// </summary>
    private async Task<Loaded> LoadAsync(DyadId dyad, int segments, DateTimeOffset? knownAt, CancellationToken cancellationToken) =>
        await LoadAsync(dyad, await _segments.ReadIndexAsync(dyad, cancellationToken).ConfigureAwait(false), segments, knownAt, cancellationToken).ConfigureAwait(false);

    private async Task<Loaded> LoadAsync(DyadId dyad, StoredSegments index, int segments, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var terms = new StateTerms();
        if (index.Segments.Count > 0)
        {
            // Room for every stored segment and a catch-up's tail at once: each segment decoded after the first, and the
            // tail, would otherwise copy every column of a million revisions to grow it. Bounded: the index row has no digest.
            var last = index.Segments[^1];
            terms.Reserve((int)Math.Clamp(last.LastRevision + 1 + TailRoom, 0, 1 << 24), Math.Clamp(last.FirstVersion + last.Versions + TailRoom, 0, 1 << 24));
        }
        var headers = new List<SegmentHeader>();
        // The latest recording time up to the segment being read: the known-at's cut lies past it when that is no later.
        var latest = long.MinValue;
        var cut = knownAt?.UtcTicks ?? long.MaxValue;
        foreach (var segment in index.Segments.Take(segments))
        {
            try
            {
                var neverMerged = SegmentMerging.NeverMerged((int)Math.Min(int.MaxValue, segment.LastRevision - segment.FirstRevision + 1), writeAfter, mergeCap);
                bool? onlyOpen = null;
                // Decided from the first chunk: a segment read without its ended versions is read only up to their piece.
                bool Enough(byte[] bytes, int length)
                {
                    if (StateSegmentCodec.Peek(bytes, length) is not { } front)
                    {
                        return false;
                    }
                    if (onlyOpen is null)
                    {
                        latest = Math.Max(latest, front.LatestRecordedTicks);
                        // Held terms answer every later question, at any known-at: a server reads them whole.
                        onlyOpen = held is null && neverMerged && latest <= cut;
                    }
                    return onlyOpen.Value && length >= front.OpenLength;
                }
                if (segment.FirstRevision != terms.Revisions || segment.FirstVersion != terms.Versions
                    || await _segments.ReadColumnsAsync(dyad, segment, Enough, cancellationToken).ConfigureAwait(false) is not { } columns)
                {
                    return new Loaded(index, new StateTerms(), [], untrusted: true);
                }
                var header = StateSegmentCodec.DecodeInto(columns.Document, columns.Length, terms, onlyOpen == true);
                if (header.LastRevision != segment.LastRevision || !header.Hash.AsSpan().SequenceEqual(segment.Hash)
                    || !await LogHoldsAsync(dyad, header, cancellationToken).ConfigureAwait(false))
                {
                    return new Loaded(index, new StateTerms(), [], untrusted: true);
                }
                headers.Add(header);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException or OverflowException or FormatException or KeyNotFoundException)
            {
                return new Loaded(index, new StateTerms(), [], untrusted: true);
            }
        }
        return new Loaded(index, terms, headers, index.Damaged);
    }

    /// <summary>The count of events the known-at cuts the stream at, when the terms reach it; null when a catch-up must fold further first.</summary>
    private async Task<int?> ReachAsync(DyadId dyad, StateTerms terms, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        if (terms.CountAt(knownAt) is { } within)
        {
            return within;
        }
        if (terms.Revisions == 0)
        {
            return null;
        }
        // The terms hold every event recorded by then: they answer if the stream ends with them or its next event was recorded later.
        var next = await NextAsync(dyad, terms.Revisions, ReadDirection.Forwards, cancellationToken).ConfigureAwait(false);
        return next is null || (knownAt is { } t && next.Recorded > t) ? terms.Revisions : null;
    }

    /// <summary>
    /// Folds what the terms lack, adds it to them and stores it as a new segment (replacing all when they were
    /// not trusted or cannot be continued); the new versions' records, which the answer may print.
    /// </summary>
    private async Task<Dictionary<int, EntryStateParts>> CatchUpAsync(DyadId dyad, Loaded loaded, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        if (!loaded.Untrusted && loaded.Terms.Revisions > 0 && await CatchUpFromRowsAsync(dyad, loaded, cancellationToken).ConfigureAwait(false) is { } caughtUp)
        {
            return caughtUp;
        }
        var snapshots = await _snapshots.ReadSetAsync(dyad, cancellationToken).ConfigureAwait(false);
        var start = loaded.Untrusted || loaded.Terms.Revisions == 0 ? null : await _snapshots.ReadHeldAsync(dyad, snapshots, loaded.Terms.Revisions - 1, loaded.Headers[^1].Hash, cancellationToken).ConfigureAwait(false);
        var keep = loaded.Headers.Count;
        if (start is null && !loaded.Untrusted && await EarlierStartAsync(dyad, loaded, snapshots, knownAt, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            // The last segments are short tails stored without a snapshot: fold again from the newest snapshot
            // at a segment's end, onto the terms up to there, and store the tail in place of those segments.
            (start, keep) = earlier;
        }
        var replace = loaded.Untrusted || start is null;
        if (replace)
        {
            loaded.Reset();
        }
        using var wholeFold = replace ? await _wholeFold.FoldingAsync(cancellationToken).ConfigureAwait(false) : null;
        var from = loaded.Terms.Revisions;
        var log = start is null ? new EntryLog() : new EntryLog(start.View, from);
        var seeded = log.Versions.Count;
        var builder = (start?.View ?? LedgerView.Create()).ToBuilder();
        var recorded = new List<long>();
        RecordedEvent? last = null;
        var recordedUpTo = start?.RecordedUpTo ?? DateTimeOffset.MinValue;
        await foreach (var e in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, from, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (LedgerReader.ToEnvelope(e) is { } envelope)
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
            recorded.Add(e.Recorded.UtcTicks);
            recordedUpTo = e.Recorded > recordedUpTo ? e.Recorded : recordedUpTo;
            last = e;
        }
        if (last is null)
        {
            return [];
        }
        var segment = Segment(loaded.Terms, log, seeded, from, recorded, last.Hash.ToArray(), partial: false);
        Add(loaded, segment);
        var resident = Resident(segment);
        var view = builder.ToImmutable();
        var claimRows = ClaimRows.All(view, last.StreamRevision, last.Hash.ToArray(), keepChanges: false);
        // The fold always starts at a snapshot (or the stream's start): what it read is what came since.
        if (!replace && recorded.Count < writeAfter)
        {
            // A short tail is stored without a snapshot at its end: a snapshot of the whole ledger is most of a
            // catch-up's cost at 1M events, so one is written only once the events since the last reach writeAfter.
            // The next process answers from the segment; the next catch-up starts from that last snapshot again.
            await StoreAsync(dyad, loaded, keep, segment, claimRows, cancellationToken).ConfigureAwait(false);
            return resident;
        }
        await LeaveAsync(dyad, loaded, keep, segment, replace, snapshots, new LedgerSnapshot(last.StreamRevision, last.Hash.ToArray(), recordedUpTo, view), claimRows, cancellationToken).ConfigureAwait(false);
        return resident;
    }

    /// <summary>
    /// The catch-up that reads no snapshot: it folds the tail onto the part of the ledger the tail reaches, read from
    /// the <see cref="ClaimRows"/> at the terms' last revision, and stores the tail's segment with the rows it changed.
    /// Its cost follows the tail, not the history. Null when the rows do not reflect the terms' end (none written yet,
    /// or a commit that did not land): the caller then folds from a snapshot and writes every row again.
    /// </summary>
    private async Task<Dictionary<int, EntryStateParts>?> CatchUpFromRowsAsync(DyadId dyad, Loaded loaded, CancellationToken cancellationToken)
    {
        var from = loaded.Terms.Revisions;
        var end = loaded.Headers[^1];
        var (tail, last) = await PartialLedger.ReadTailAsync(store, dyad.StreamName, from, cancellationToken).ConfigureAwait(false);
        if (last is null)
        {
            return [];
        }
        var name = ProjectionName(dyad);
        var events = tail.Select(t => t.Envelope?.Event).OfType<Domain.ILedgerEvent>();
        if (await PartialLedger.ReadAsync(projections, name, Format, events, end.LastRevision, end.Hash, keepChanges: false, cancellationToken).ConfigureAwait(false) is not { } part)
        {
            return null;
        }
        var (lastPosition, claims, retracted) = loaded.Terms.After(from - 1);
        var start = part.View(lastPosition);
        var log = new EntryLog(start, from, claims, retracted);
        var seeded = log.Versions.Count;
        var builder = start.ToBuilder();
        builder.KeepsClaimChanges = false;
        foreach (var (envelope, _) in tail)
        {
            part.Apply(log, builder, envelope);
        }
        var tailSegment = Segment(loaded.Terms, log, seeded, from, [.. tail.Select(t => t.Recorded)], last.Hash.ToArray(), partial: true);
        var (keep, segment) = await MergedAsync(dyad, loaded, tailSegment, cancellationToken).ConfigureAwait(false);
        Add(loaded, tailSegment);
        // The merged segment replaces stored blocks this process may still print from: its records stay at hand.
        var resident = Resident(segment);
        var claimRows = await part.ChangesAsync(projections, name, Format, builder.ToImmutable(), last.StreamRevision, last.Hash.ToArray(), cancellationToken).ConfigureAwait(false);
        await StoreAsync(dyad, loaded, keep, segment, claimRows, cancellationToken).ConfigureAwait(false);
        return resident;
    }

    /// <summary>
    /// The tail's segment merged with the short segments stored before it (<see cref="SegmentMerging"/>), and how many
    /// stored segments it follows: each catch-up from the rows would otherwise add a segment, and a desk that asks after
    /// every write would leave thousands, each read and checked by every process. The stored versions it takes in are
    /// read from their heavy blocks; when one cannot be read the tail is stored alone.
    /// </summary>
    private async Task<(int Keep, StateSegment Segment)> MergedAsync(DyadId dyad, Loaded loaded, StateSegment tail, CancellationToken cancellationToken)
    {
        var headers = loaded.Headers;
        var keep = SegmentMerging.Keep([.. headers.Select(h => h.Revisions)], tail.RecordedTicks.Length, writeAfter, mergeCap);
        // A segment read in part is one merging never takes in; should the rule and the reading ever disagree, the tail stays alone.
        if (keep == headers.Count || headers.Skip(keep).Any(h => h.Partial))
        {
            return (keep, tail);
        }
        var first = headers[keep];
        var terms = loaded.Terms;
        var stored = Enumerable.Range(first.FirstVersion, terms.Versions - first.FirstVersion).ToHashSet();
        if (await RecordsAsync(dyad, loaded, [], stored, cancellationToken).ConfigureAwait(false) is not { } records)
        {
            return (headers.Count, tail);
        }
        var tailEnds = tail.Ended.ToDictionary(e => e.Version, e => e.To);
        var added = new List<StateVersion>(stored.Count + tail.Added.Count);
        for (var v = first.FirstVersion; v < terms.Versions; v++)
        {
            var (order, from, to) = terms.Version(v);
            var heavy = records[v];
            added.Add(new StateVersion(order, from, tailEnds.GetValueOrDefault(v, to), new EntryStateParts(heavy.Scored, terms.ChangesOf(v), heavy.Contact)));
        }
        added.AddRange(tail.Added);
        var ended = headers.Skip(keep).SelectMany(h => h.Ended!).Concat(tail.Ended).Where(e => e.Version < first.FirstVersion).ToList();
        var revisions = (int)(tail.FirstRevision - first.FirstRevision);
        var (ticks, positions, claims, retracted) = (new long[revisions], new long[revisions], new int[revisions], new int[revisions]);
        for (var i = 0; i < revisions; i++)
        {
            var r = (int)first.FirstRevision + i;
            ticks[i] = terms.RecordedTicks(r);
            (positions[i], claims[i], retracted[i]) = terms.After(r);
        }
        return (keep, new StateSegment(
            first.FirstRevision, tail.Hash, [.. ticks, .. tail.RecordedTicks], [.. positions, .. tail.LastPositions],
            [.. claims, .. tail.Claims], [.. retracted, .. tail.Retracted], first.FirstVersion, added, ended));
    }

    /// <summary>Adds the segment's terms to the loaded ones.</summary>
    private static void Add(Loaded loaded, StateSegment segment)
    {
        var (columns, _) = StateSegmentCodec.Encode(segment);
        loaded.Headers.Add(StateSegmentCodec.DecodeInto(columns, columns.Length, loaded.Terms, onlyOpen: false));
    }

    /// <summary>The records of the versions the segment made, which the answer may print, by version number.</summary>
    private static Dictionary<int, EntryStateParts> Resident(StateSegment segment)
    {
        var resident = new Dictionary<int, EntryStateParts>(segment.Added.Count);
        for (var i = 0; i < segment.Added.Count; i++)
        {
            resident[segment.FirstVersion + i] = segment.Added[i].Parts;
        }
        return resident;
    }

    /// <summary>
    /// The tail's segment: the versions the log made, except that the ones it started with (the entries alive
    /// at <paramref name="from"/>) are the stored versions still open there, matched by their order, so a
    /// catch-up writes only what changed; a stored version with no match ends at <paramref name="from"/>.
    /// </summary>
    // With partial, the log started from part of the ledger: the stored versions it did not start with go on.
    private static StateSegment Segment(StateTerms terms, EntryLog log, int seeded, int from, List<long> recorded, byte[] hash, bool partial)
    {
        // A partial log seeds a few entries: only their stored versions are looked up, not a map of every open one.
        var open = terms.OpenByOrder(partial ? log.Versions.Take(seeded).Select(v => v.Order).ToHashSet() : null);
        var added = new List<StateVersion>();
        var ended = new List<VersionEnd>();
        for (var i = 0; i < log.Versions.Count; i++)
        {
            var version = log.Versions[i];
            if (!StateVersion.Counts(version.Parts))
            {
                continue;
            }
            if (i < seeded && open.Remove(version.Order, out var stored))
            {
                if (version.To != int.MaxValue)
                {
                    ended.Add(new VersionEnd(stored, version.To));
                }
                continue;
            }
            added.Add(new StateVersion(version.Order, version.From, version.To, version.Parts));
        }
        if (!partial)
        {
            ended.AddRange(open.Values.Order().Select(stored => new VersionEnd(stored, from)));
        }
        var n = recorded.Count;
        var (positions, claims, retracted) = (new long[n], new int[n], new int[n]);
        for (var i = 0; i < n; i++)
        {
            var count = from + i + 1;
            (positions[i], claims[i], retracted[i]) = (log.LastPositionAt(count), log.ClaimsAt(count), log.RetractedAt(count));
        }
        return new StateSegment(from, hash, [.. recorded], positions, claims, retracted, terms.Versions, added, ended);
    }

    /// <summary>
    /// The newest ledger snapshot at the end of a stored segment before the last, and how many segments end at or
    /// before it; <paramref name="loaded"/> then holds only those segments' terms. Null when there is none.
    /// </summary>
    private async Task<(LedgerSnapshot Start, int Keep)?> EarlierStartAsync(DyadId dyad, Loaded loaded, SnapshotSet snapshots, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        for (var k = loaded.Headers.Count - 2; k >= 0; k--)
        {
            var header = loaded.Headers[k];
            if (!snapshots.Holds(header.LastRevision, header.Hash))
            {
                continue;
            }
            var shorter = await LoadAsync(dyad, k + 1, knownAt, cancellationToken).ConfigureAwait(false);
            if (shorter.Untrusted || shorter.Headers.Count != k + 1
                || await _snapshots.ReadHeldAsync(dyad, snapshots, header.LastRevision, header.Hash, cancellationToken).ConfigureAwait(false) is not { } start)
            {
                return null;
            }
            loaded.Take(shorter);
            return (start, k + 1);
        }
        return null;
    }

    /// <summary>Stores the segment after the first <paramref name="keep"/> of <paramref name="loaded"/>'s, and holds the terms it continued as what they now are.</summary>
    private async Task StoreAsync(DyadId dyad, Loaded loaded, int keep, StateSegment segment, IReadOnlyList<ProjectionRowChange> claimRows, CancellationToken cancellationToken)
    {
        StateTermStore.Stored? stored;
        try
        {
            stored = await _segments.ReplaceAfterAsync(dyad, loaded.Index, keep, segment, claimRows, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // As in LeaveAsync: terms that cannot be stored only mean the next process folds this tail again.
            return;
        }
        Hold(dyad, loaded, keep, stored);
    }

    private async Task LeaveAsync(DyadId dyad, Loaded loaded, int keep, StateSegment segment, bool replace, SnapshotSet snapshots, LedgerSnapshot snapshot, IReadOnlyList<ProjectionRowChange> claimRows, CancellationToken cancellationToken)
    {
        StateTermStore.Stored? stored;
        try
        {
            // The snapshot first: a segment is only continued from a snapshot at its end.
            await _snapshots.WriteAsync(dyad, snapshots, snapshot, replaceAll: false, cancellationToken).ConfigureAwait(false);
            stored = replace
                ? await _segments.AppendAsync(dyad, loaded.Index, segment, replaceAll: true, claimRows, cancellationToken).ConfigureAwait(false)
                : await _segments.ReplaceAfterAsync(dyad, loaded.Index, keep, segment, claimRows, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The answer is already folded from the log; terms that cannot be stored (a read-only file, a busy
            // database) only mean the next process folds this tail again.
            return;
        }
        Hold(dyad, loaded, replace ? 0 : keep, stored);
    }

    /// <summary>
    /// In a server, holds the terms the catch-up continued as what the stored segments now are: they hold the same versions
    /// (a merged segment numbers its versions as the ones it took in), so the next question reads nothing; only the headers
    /// change, to the stored segments' (their heavy blocks are keyed by them). Nothing when the store did not land.
    /// </summary>
    private void Hold(DyadId dyad, Loaded loaded, int keep, StateTermStore.Stored? stored)
    {
        if (held is not null && stored is not null)
        {
            held.Hold(dyad, stored.Index, loaded.Terms, [.. loaded.Headers.Take(keep), stored.Header]);
        }
    }

    /// <summary>The score and contact records of <paramref name="versions"/>; null when a heavy row is missing or does not match its digest.</summary>
    private async Task<Dictionary<int, EntryStateParts>?> RecordsAsync(DyadId dyad, Loaded loaded, Dictionary<int, EntryStateParts> resident, HashSet<int> versions, CancellationToken cancellationToken)
    {
        var records = new Dictionary<int, EntryStateParts>();
        var wanted = new Dictionary<(long Segment, int Block), (SegmentHeader Header, List<int> Versions)>();
        foreach (var v in versions)
        {
            if (resident.TryGetValue(v, out var parts))
            {
                records[v] = parts;
                continue;
            }
            var header = loaded.Headers.Last(h => h.FirstVersion <= v);
            var key = (header.FirstRevision, (v - header.FirstVersion) / StateSegmentCodec.BlockSize);
            if (!wanted.TryGetValue(key, out var entry))
            {
                wanted[key] = entry = (header, []);
            }
            entry.Versions.Add(v);
        }
        var blocks = await _segments.ReadBlocksAsync(dyad, wanted.Keys, cancellationToken).ConfigureAwait(false);
        foreach (var (key, (header, inBlock)) in wanted)
        {
            if (!blocks.TryGetValue(key, out var bytes) || key.Block >= header.BlockDigests.Length)
            {
                return null;
            }
            try
            {
                var decoded = StateSegmentCodec.DecodeBlock(bytes, header.BlockDigests[key.Block]);
                foreach (var v in inBlock)
                {
                    records[v] = decoded[v - header.FirstVersion - key.Block * StateSegmentCodec.BlockSize];
                }
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException or OverflowException or FormatException)
            {
                return null;
            }
        }
        return records;
    }

    /// <summary>Whether the log still holds, at the segment's last revision, the event whose chain hash the segment names.</summary>
    private async Task<bool> LogHoldsAsync(DyadId dyad, SegmentHeader header, CancellationToken cancellationToken) =>
        await NextAsync(dyad, header.LastRevision, ReadDirection.Forwards, cancellationToken).ConfigureAwait(false) is { } at
        && at.StreamRevision == header.LastRevision && at.Hash.Span.SequenceEqual(header.Hash);

    private async Task<RecordedEvent?> NextAsync(DyadId dyad, long revision, ReadDirection direction, CancellationToken cancellationToken)
    {
        await foreach (var at in store.ReadStreamAsync(dyad.StreamName, direction, revision < 0 ? long.MaxValue : revision, 1, cancellationToken).ConfigureAwait(false))
        {
            return at;
        }
        return null;
    }

    /// <summary>The segments read, the terms they hold and their headers; <see cref="Untrusted"/>: what is stored must be replaced, not continued.</summary>
    private sealed class Loaded(StoredSegments index, StateTerms terms, List<SegmentHeader> headers, bool untrusted)
    {
        public StoredSegments Index { get; } = index;

        public StateTerms Terms { get; private set; } = terms;

        public List<SegmentHeader> Headers { get; } = headers;

        public bool Untrusted { get; } = untrusted;

        public void Reset()
        {
            Terms = new StateTerms();
            Headers.Clear();
        }

        /// <summary>Holds <paramref name="other"/>'s terms and headers (fewer segments of the same index) instead of its own.</summary>
        public void Take(Loaded other)
        {
            Terms = other.Terms;
            Headers.Clear();
            Headers.AddRange(other.Headers);
        }
    }
}
