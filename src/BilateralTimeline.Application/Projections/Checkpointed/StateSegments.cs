using System.Runtime.InteropServices;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Occurrences;

namespace BilateralTimeline.Application.Projections.Checkpointed;

/// <summary>
/// One dyad of the "state" projection: the fold of its stream and which timeline entries sit in which
/// segment, so that a commit derives and writes only the segments whose entries the events since the
/// last commit touched, plus the small header. Entries are placed by their ledger order (occurrences by
/// position, then claims linked to none by position, as <see cref="Entries.Build(LedgerView)"/> orders
/// them), a segment per <c>2^shift</c> positions: appends land in the last segment, and a correction
/// rewrites only the segment of the entry it corrects.
/// </summary>
internal sealed class StateSegments(DyadId dyad, int shift)
{
    // Claims linked to no occurrence come after every occurrence, as in the entry log.
    private const long LoneOrder = 1L << 62;

    // Claim histories are never part of the state: the fold does not keep them.
    private readonly LedgerView.Builder _builder = CreateBuilder();
    private readonly List<string> _touchedClaims = [];
    private readonly HashSet<string> _touchedOccurrences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClaimSlot> _claims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(long Position, string ClaimId)>> _occurrenceClaims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _occurrenceOrder = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, SortedDictionary<long, string>> _segments = [];
    private readonly HashSet<long> _dirty = [];
    private int _retracted;

    public string Key { get; } = dyad.ToString();

    private static LedgerView.Builder CreateBuilder()
    {
        var builder = LedgerView.Create().ToBuilder();
        builder.KeepsClaimChanges = false;
        return builder;
    }

    /// <summary>The segments the rows last taken list.</summary>
    public IEnumerable<long> Listed => _segments.Keys;

    /// <summary>Events folded since the last <see cref="TakeChanges"/> or <see cref="Forget"/>.</summary>
    public bool Pending { get; private set; }

    public static string SegmentKey(string dyadKey, long segment) => $"{dyadKey}#{segment:x16}";

    public void Apply(LedgerEnvelope envelope)
    {
        _builder.Touched = _touchedClaims;
        try
        {
            _builder.Apply(envelope);
        }
        finally
        {
            _builder.Touched = null;
        }
        if (envelope.Event is OccurrenceIdentified identified)
        {
            _touchedOccurrences.Add(identified.OccurrenceId);
        }
        Pending = true;
    }

    /// <summary>Brings the placement up to date without deriving anything: the rows are already stored (a runner reopening at its checkpoint).</summary>
    public void Forget()
    {
        Place(_builder.ToImmutable());
        _dirty.Clear();
        Pending = false;
    }

    /// <summary>The header and every segment the events since the last call touched (an emptied segment is deleted).</summary>
    public void TakeChanges(List<ProjectionRowChange> changes)
    {
        var view = _builder.ToImmutable();
        Place(view);
        foreach (var segment in _dirty.Order())
        {
            var key = SegmentKey(Key, segment);
            if (!_segments.TryGetValue(segment, out var entries) || entries.Count == 0)
            {
                _segments.Remove(segment);
                changes.Add(new ProjectionRowChange(key, null));
                continue;
            }
            changes.Add(new ProjectionRowChange(key, StateProjection.SegmentDocument(Derive(view, entries))));
        }
        _dirty.Clear();
        var header = new StateProjection.StateHeader(
            StateProjection.HeaderFormat, Key, view.LastPosition, view.Claims.Count, _retracted,
            _segments.Keys.Select(s => SegmentKey(Key, s)).ToList());
        changes.Add(new ProjectionRowChange(Key, StateProjection.HeaderDocument(header)));
        Pending = false;
    }

    /// <summary>Moves the entries the touched claims and occurrences are in, marking the segments they leave and join.</summary>
    private void Place(LedgerView view)
    {
        foreach (var occurrenceId in _touchedOccurrences)
        {
            if (view.Occurrences.TryGetValue(occurrenceId, out var occurrence))
            {
                if (_occurrenceOrder.TryGetValue(occurrenceId, out var was))
                {
                    Unplace(was);
                }
                _occurrenceOrder[occurrenceId] = occurrence.Position;
                Put(occurrence.Position, occurrenceId);
            }
        }
        _touchedOccurrences.Clear();
        foreach (var claimId in _touchedClaims)
        {
            if (!view.Claims.TryGetValue(claimId, out var now))
            {
                continue;
            }
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_claims, claimId, out var placed);
            if (placed)
            {
                if (ReferenceEquals(slot.Version, now))
                {
                    // Listed again by a later event of the same batch: already placed.
                    continue;
                }
                Leave(claimId, slot);
                _retracted -= slot.Version!.Retracted ? 1 : 0;
            }
            slot = new ClaimSlot(now.Position, now.OccurrenceId, now);
            _retracted += now.Retracted ? 1 : 0;
            Join(claimId, slot);
        }
        _touchedClaims.Clear();
    }

    private void Leave(string claimId, ClaimSlot slot)
    {
        if (slot.OccurrenceId is { } occurrenceId)
        {
            var list = _occurrenceClaims[occurrenceId];
            list.RemoveAt(list.FindIndex(c => string.Equals(c.ClaimId, claimId, StringComparison.Ordinal)));
            MarkOccurrence(occurrenceId);
        }
        else
        {
            Unplace(LoneOrder + slot.Position);
        }
    }

    private void Join(string claimId, ClaimSlot slot)
    {
        if (slot.OccurrenceId is { } occurrenceId)
        {
            if (!_occurrenceClaims.TryGetValue(occurrenceId, out var list))
            {
                _occurrenceClaims[occurrenceId] = list = [];
            }
            var at = list.Count;
            while (at > 0 && list[at - 1].Position > slot.Position)
            {
                at--;
            }
            list.Insert(at, (slot.Position, claimId));
            MarkOccurrence(occurrenceId);
        }
        else
        {
            Put(LoneOrder + slot.Position, claimId);
        }
    }

    /// <summary>An occurrence's entry changes with its claims; one not identified yet has no entry (its claims wait for it).</summary>
    private void MarkOccurrence(string occurrenceId)
    {
        if (_occurrenceOrder.TryGetValue(occurrenceId, out var order))
        {
            _dirty.Add(order >> shift);
        }
    }

    private void Put(long order, string id)
    {
        var segment = order >> shift;
        if (!_segments.TryGetValue(segment, out var entries))
        {
            _segments[segment] = entries = [];
        }
        entries[order] = id;
        _dirty.Add(segment);
    }

    private void Unplace(long order)
    {
        var segment = order >> shift;
        if (_segments.TryGetValue(segment, out var entries))
        {
            entries.Remove(order);
        }
        _dirty.Add(segment);
    }

    /// <summary>The segment's share of <see cref="RelationshipStateParts"/>, entry by entry as <see cref="RelationshipStateParts.Of"/> derives them.</summary>
    private StateProjection.StateSegmentRow Derive(LedgerView view, SortedDictionary<long, string> entries)
    {
        var scored = new List<ScoredEntry>();
        var changes = new List<StatusChange>();
        var contacts = new List<ContactEntry>();
        foreach (var (order, id) in entries)
        {
            var parts = RelationshipStateParts.PartsOf(order < LoneOrder ? OccurrenceEntry(view, id) : LoneEntry(view.Claims[id]));
            if (parts.Scored is { } s)
            {
                scored.Add(s);
            }
            changes.AddRange(parts.Changes);
            if (parts.Contact is { } contact)
            {
                contacts.Add(contact);
            }
        }
        return new StateProjection.StateSegmentRow(StateProjection.SegmentFormat, scored, changes, contacts);
    }

    // Built as the entry log's versions build them, not through EntryCache: its weak tables would keep every entry's derivation for as long as the fold holds the claims.
    private Entry OccurrenceEntry(LedgerView view, string occurrenceId)
    {
        var occurrence = view.Occurrences[occurrenceId];
        ClaimView[] claims = _occurrenceClaims.TryGetValue(occurrenceId, out var list) ? [.. list.Select(c => view.Claims[c.ClaimId])] : [];
        var judgement = OccurrenceTime.Judge(claims);
        return new Entry(occurrenceId, occurrence.Occurrence.Title, true, claims, judgement.Time) { Judgement = judgement };
    }

    private static Entry LoneEntry(ClaimView claim) => new(claim.Claim.ClaimId, claim.Claim.Summary, false, [claim], claim.Occurred);

    /// <summary>
    /// Where a claim's entry was placed at the last commit: its position and occurrence then, and the frozen
    /// instance placed (another instance means the claim changed in a way that may move its entry's parts).
    /// A value, not an object per claim: at a million events the fold holds four hundred thousand.
    /// </summary>
    private readonly record struct ClaimSlot(long Position, string? OccurrenceId, ClaimView? Version);
}
