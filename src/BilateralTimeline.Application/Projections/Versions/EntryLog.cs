using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Domain.Occurrences;

namespace BilateralTimeline.Application.Projections.Versions;

/// <summary>
/// Every version of every timeline entry of one dyad, each with the event counts it is alive for, kept
/// while the stream is folded event by event: the entries of the ledger after any count of events are
/// the versions alive at that count, in <see cref="Entries.Build(LedgerView)"/> order, without folding
/// anything again. An entry is an occurrence (its claims in ledger order) or a claim linked to none;
/// only the entries an event touches get a new version, and a claim that gets linked ends its own.
/// Beside the versions it keeps, per count, what the relationship state needs of the ledger itself,
/// and the state's terms as plain rows (see <see cref="StateAt"/>).
/// </summary>
/// <remarks>Folding is not thread-safe (the serve index folds alone); once <see cref="Settle"/> has run, queries only read and may run side by side.</remarks>
internal sealed partial class EntryLog
{
    // Lone claims come after every occurrence: their order keys sit above any position.
    private const long LoneOrder = 1L << 62;

    private readonly Dictionary<string, ClaimState> _claims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly List<EntryVersion> _versions = [];
    private readonly VersionRows<int> _entryRows = new();
    private readonly List<string> _touched = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<Group> _dirtyGroups = [];
    private readonly List<ClaimState> _dirtyLone = [];

    // Per count from StartCount on: what the state reads of the ledger itself.
    private long[] _lastPosition = new long[1024];
    private int[] _claimCount = new int[1024];
    private int[] _retractedCount = new int[1024];
    private int _counts;
    private int _retracted;

    // A log started from part of a ledger (see the constructor) counts the claims it does not hold from these.
    private readonly int _claimsNotHeld;
    private readonly int _retractedNotHeld;

    /// <summary>A log of the empty ledger, to be fed the stream from its first event.</summary>
    public EntryLog()
        : this(LedgerView.Create(), 0)
    {
    }

    /// <summary>
    /// A log that starts from <paramref name="view"/>, the fold of the stream's first <paramref name="count"/>
    /// events (a checkpoint, a persisted snapshot): its entries become versions alive from that count on,
    /// and counts before it are not known to this log.
    /// </summary>
    public EntryLog(LedgerView view, int count)
        : this(view, count, view.Claims.Count, -1)
    {
    }

    /// <summary>
    /// A log that starts from part of the fold of the stream's first <paramref name="count"/> events: every claim
    /// and occurrence the events to come will touch, with all the claims of their entries (see
    /// <see cref="Rows.PartialLedger"/>), where the whole fold held <paramref name="claims"/> claims, of
    /// them <paramref name="retracted"/> retracted (-1: as many as <paramref name="view"/> holds). Only the entries
    /// of that part get versions alive from that count on.
    /// </summary>
    public EntryLog(LedgerView view, int count, int claims, int retracted)
    {
        StartCount = count;
        foreach (var claim in Entries.ByPosition(view))
        {
            var state = new ClaimState(claim);
            _claims[claim.Claim.ClaimId] = state;
            _retracted += claim.Retracted ? 1 : 0;
            if (claim.OccurrenceId is { } occurrenceId)
            {
                // In ledger order already: appending keeps each group's claims sorted.
                GroupOf(occurrenceId).Claims.Add(claim);
            }
        }
        foreach (var occurrence in view.Occurrences.Values)
        {
            GroupOf(occurrence.Occurrence.OccurrenceId).View = occurrence;
        }
        _claimsNotHeld = claims - _claims.Count;
        _retractedNotHeld = retracted < 0 ? 0 : retracted - _retracted;
        _lastPosition[0] = view.LastPosition;
        _claimCount[0] = _claims.Count + _claimsNotHeld;
        _retractedCount[0] = _retracted + _retractedNotHeld;
        _counts = 1;
        foreach (var entry in Entries.Build(view))
        {
            if (entry.IsOccurrence)
            {
                var group = _groups[entry.Id];
                group.Current = NewVersion(group.View!, [.. group.Claims], group.View!.Position, count);
            }
            else
            {
                var state = _claims[entry.Id];
                state.Lone = NewVersion(null, [state.View], LoneOrder + state.View.Position, count);
            }
        }
    }

    /// <summary>A version was made (at creation too, for the starting ledger's entries).</summary>
    public event Action<EntryVersion>? Added;

    /// <summary>A version stopped being its entry's latest: replaced by a newer one, or the entry left the timeline (a claim linked to an occurrence).</summary>
    public event Action<EntryVersion>? Ended;

    /// <summary>The first count this log knows (0 unless it started from a fold state).</summary>
    public int StartCount { get; }

    /// <summary>Events folded: the stream's events up to here, readable or not.</summary>
    public int Count => StartCount + _counts - 1;

    /// <summary>Every version made so far, in the order they were made.</summary>
    public IReadOnlyList<EntryVersion> Versions => _versions;

    /// <summary>Folds the next event into <paramref name="builder"/> (the fold of the events before it) and versions the entries it touched.</summary>
    public void Apply(LedgerView.Builder builder, LedgerEnvelope envelope)
    {
        _touched.Clear();
        builder.Touched = _touched;
        try
        {
            builder.Apply(envelope);
        }
        catch
        {
            // The fold stops here (see FoldFailure); the count still moves so the log stays aligned with the stream.
            Skip();
            throw;
        }
        finally
        {
            builder.Touched = null;
        }
        var count = Count + 1;
        _seen.Clear();
        foreach (var claimId in _touched)
        {
            if (_seen.Add(claimId) && builder.ClaimNow(claimId) is { } now)
            {
                Touch(claimId, now);
            }
        }
        if (envelope.Event is OccurrenceIdentified identified && builder.OccurrenceNow(identified.OccurrenceId) is { } occurrence)
        {
            var group = GroupOf(identified.OccurrenceId);
            group.View = occurrence;
            MarkDirty(group);
        }
        foreach (var group in _dirtyGroups)
        {
            group.Dirty = false;
            End(group.Current, count);
            group.Current = group.View is { } view ? NewVersion(view, [.. group.Claims], view.Position, count) : null;
        }
        foreach (var state in _dirtyLone)
        {
            state.Dirty = false;
            End(state.Lone, count);
            state.Lone = state.View.OccurrenceId is null ? NewVersion(null, [state.View], LoneOrder + state.View.Position, count) : null;
        }
        _dirtyGroups.Clear();
        _dirtyLone.Clear();
        AddCount(envelope.Position);
    }

    /// <summary>An event the fold does not read (an unknown type): it ends a known-at like any other but changes no entry.</summary>
    public void Skip() => AddCount(_lastPosition[_counts - 1]);

    /// <summary>The entries of the ledger after <paramref name="count"/> events, in <see cref="Entries.Build(LedgerView)"/> order.</summary>
    public List<EntryVersion> AliveAt(int count)
    {
        CheckKnown(count);
        var slots = new int[16];
        var n = _entryRows.Alive(count, ref slots);
        var alive = new List<EntryVersion>(n);
        for (var i = 0; i < n; i++)
        {
            alive.Add(_versions[_entryRows.Data(slots[i])]);
        }
        return alive;
    }

    /// <summary>Orders what arrived since the last query; a query does it anyway, a host may do it when a catch-up ends.</summary>
    public void Settle()
    {
        _entryRows.Settle();
        _scoreRows.Settle();
        _statusRows.Settle();
        _contactRows.Settle();
    }

    /// <summary>The ledger's last position after <paramref name="count"/> events.</summary>
    public long LastPositionAt(int count) => _lastPosition[CheckKnown(count)];

    /// <summary>The claims recorded in the first <paramref name="count"/> events.</summary>
    public int ClaimsAt(int count) => _claimCount[CheckKnown(count)];

    /// <summary>Of those, the ones retracted by then.</summary>
    public int RetractedAt(int count) => _retractedCount[CheckKnown(count)];

    private int CheckKnown(int count)
    {
        var index = count - StartCount;
        if (index < 0 || index >= _counts)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"the log knows the counts {StartCount}..{Count}");
        }
        return index;
    }

    private void Touch(string claimId, ClaimView now)
    {
        if (!_claims.TryGetValue(claimId, out var state))
        {
            _claims[claimId] = state = new ClaimState(now);
            _retracted += now.Retracted ? 1 : 0;
            if (now.OccurrenceId is { } linked)
            {
                Insert(GroupOf(linked), now);
            }
            else
            {
                MarkDirty(state);
            }
            return;
        }
        var before = state.View;
        state.View = now;
        _retracted += (now.Retracted ? 1 : 0) - (before.Retracted ? 1 : 0);
        if (before.OccurrenceId is { } from)
        {
            Remove(GroupOf(from), claimId);
        }
        if (now.OccurrenceId is { } to)
        {
            Insert(GroupOf(to), now);
        }
        if (before.OccurrenceId is null || now.OccurrenceId is null)
        {
            MarkDirty(state);
        }
    }

    private void Insert(Group group, ClaimView claim)
    {
        var claims = group.Claims;
        var at = claims.Count;
        while (at > 0 && claims[at - 1].Position > claim.Position)
        {
            at--;
        }
        claims.Insert(at, claim);
        MarkDirty(group);
    }

    private void Remove(Group group, string claimId)
    {
        var claims = group.Claims;
        for (var i = 0; i < claims.Count; i++)
        {
            if (string.Equals(claims[i].Claim.ClaimId, claimId, StringComparison.Ordinal))
            {
                claims.RemoveAt(i);
                break;
            }
        }
        MarkDirty(group);
    }

    private Group GroupOf(string occurrenceId)
    {
        if (!_groups.TryGetValue(occurrenceId, out var group))
        {
            _groups[occurrenceId] = group = new Group();
        }
        return group;
    }

    private void MarkDirty(Group group)
    {
        if (!group.Dirty)
        {
            group.Dirty = true;
            _dirtyGroups.Add(group);
        }
    }

    private void MarkDirty(ClaimState state)
    {
        if (!state.Dirty)
        {
            state.Dirty = true;
            _dirtyLone.Add(state);
        }
    }

    /// <summary>A new version of an occurrence's entry with exactly these claims, or (no occurrence) of a lone claim's.</summary>
    private EntryVersion NewVersion(OccurrenceView? occurrence, ClaimView[] claims, long order, int from)
    {
        var index = _versions.Count;
        var version = new EntryVersion(index, occurrence, claims, order, from);
        (version.ScoreRow, version.FirstStatusRow, version.StatusRows, version.ContactRow) = AddStateRows(version.Parts, order, from, index);
        version.EntryRow = _entryRows.Add(order, from, index);
        _versions.Add(version);
        Added?.Invoke(version);
        return version;
    }

    private void End(EntryVersion? version, int to)
    {
        if (version is null)
        {
            return;
        }
        version.To = to;
        version.Release();
        _entryRows.Close(version.EntryRow, to);
        CloseStateRows(version, to);
        Ended?.Invoke(version);
    }

    private void AddCount(long lastPosition)
    {
        if (_counts == _lastPosition.Length)
        {
            var size = _counts * 2;
            Array.Resize(ref _lastPosition, size);
            Array.Resize(ref _claimCount, size);
            Array.Resize(ref _retractedCount, size);
        }
        _lastPosition[_counts] = lastPosition;
        _claimCount[_counts] = _claims.Count + _claimsNotHeld;
        _retractedCount[_counts] = _retracted + _retractedNotHeld;
        _counts++;
    }

    /// <summary>A claim as last folded, and its entry while it is linked to no occurrence.</summary>
    private sealed class ClaimState(ClaimView view)
    {
        public ClaimView View { get; set; } = view;

        public EntryVersion? Lone { get; set; }

        public bool Dirty { get; set; }
    }

    /// <summary>An occurrence id's claims in ledger order (claims may name it before it is identified) and its entry once it is.</summary>
    private sealed class Group
    {
        public OccurrenceView? View { get; set; }

        public List<ClaimView> Claims { get; } = [];

        public EntryVersion? Current { get; set; }

        public bool Dirty { get; set; }
    }
}
