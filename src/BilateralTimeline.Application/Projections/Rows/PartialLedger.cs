using System.Collections.Immutable;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;

namespace BilateralTimeline.Application.Projections.Rows;

/// <summary>
/// The part of a ledger that folding a tail of events can reach, read from the <see cref="ClaimRows"/>: every claim an
/// event names, every claim of an occurrence one of those is in or an event names, and every claim anchored on a
/// re-dated one, as far as the re-dating cascades. Folded onto it, the tail touches exactly the claims and entries it
/// touches on the whole ledger, and each entry it versions has all its claims, so the versions (and so the state
/// terms) are the whole fold's. The counts and the last position the entry log keeps come from the terms instead.
/// </summary>
internal sealed class PartialLedger
{
    private readonly Dictionary<string, ClaimView> _claims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OccurrenceView> _occurrences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _anchored = new(StringComparer.Ordinal);
    private readonly List<string> _identified = [];

    private readonly bool _keepChanges;

    private PartialLedger(bool keepChanges) => _keepChanges = keepChanges;

    /// <summary>
    /// The stream from <paramref name="from"/> on, each event as the fold reads it (null: a type it does not know) with its
    /// recording time, and the last event read (null: none): what a catch-up folds and names the rows of.
    /// </summary>
    public static async Task<(List<(Ledger.LedgerEnvelope? Envelope, long Recorded)> Events, RecordedEvent? Last)> ReadTailAsync(IEventStore store, string stream, long from, CancellationToken cancellationToken)
    {
        var events = new List<(Ledger.LedgerEnvelope? Envelope, long Recorded)>();
        RecordedEvent? last = null;
        // The replay's shape-exact reader: the same envelopes as LedgerReader.ToEnvelope, faster.
        var decoder = new Serialization.ReplayDecoder();
        await foreach (var e in store.ReadStreamAsync(stream, ReadDirection.Forwards, from, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            events.Add((decoder.Decode(e), e.Recorded.UtcTicks));
            last = e;
        }
        return (events, last);
    }

    /// <summary>
    /// The rows the tail reaches, when the rows reflect exactly <paramref name="revision"/> with <paramref name="hash"/>
    /// (every read checks it again, so rows of one commit are never mixed with another's); null when they do not or a
    /// row does not parse: the catch-up then folds the whole ledger and writes every row again.
    /// </summary>
    public static async Task<PartialLedger?> ReadAsync(IProjectionStore rows, string projection, int version, IEnumerable<ILedgerEvent> tail, long revision, byte[] hash, bool keepChanges, CancellationToken cancellationToken)
    {
        var at = ClaimRows.At(revision, hash);
        var (claimIds, groupIds, anchorIds) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        foreach (var e in tail)
        {
            Name(e, claimIds, groupIds, anchorIds);
        }
        var partial = new PartialLedger(keepChanges);
        var asked = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (true)
            {
                var keys = claimIds.Select(ClaimRows.ClaimKey).Concat(groupIds.Select(ClaimRows.OccurrenceKey)).Concat(anchorIds.Select(ClaimRows.AnchorKey)).Where(asked.Add).ToList();
                if (keys.Count == 0 && asked.Contains(ClaimRows.AtKey))
                {
                    return partial;
                }
                var found = await rows.ReadRowsByKeysAsync(projection, version, [ClaimRows.AtKey, .. keys], cancellationToken).ConfigureAwait(false);
                asked.Add(ClaimRows.AtKey);
                if (found.SingleOrDefault(r => r.Key == ClaimRows.AtKey)?.Document != at)
                {
                    return null;
                }
                foreach (var row in found)
                {
                    partial.Take(row, claimIds, groupIds, anchorIds);
                }
            }
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException or InvalidDataException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>The claims read, with their occurrences' views, as a ledger after <paramref name="lastPosition"/> (no sources, actors or contradictions: no entry's state reads them).</summary>
    public LedgerView View(long lastPosition) => new(
        ImmutableDictionary<string, SourceView>.Empty,
        _claims.ToImmutableDictionary(StringComparer.Ordinal),
        _occurrences.ToImmutableDictionary(StringComparer.Ordinal),
        lastPosition,
        0,
        []);

    /// <summary>
    /// Folds the tail's next event (null: one of a type the fold does not read) into <paramref name="log"/> and
    /// <paramref name="builder"/>, both started from <see cref="View"/>; remembers the occurrences it identifies, whose rows change.
    /// </summary>
    public void Apply(Versions.EntryLog log, LedgerView.Builder builder, Ledger.LedgerEnvelope? envelope)
    {
        if (envelope is null)
        {
            log.Skip();
            return;
        }
        try
        {
            log.Apply(builder, envelope);
        }
        catch (Exception failure) when (Ledger.FoldFailure.IsFoldFailure(failure))
        {
            throw Ledger.FoldFailure.At(envelope.Position, Serialization.EventTypes.NameOf(envelope.Event), failure);
        }
        if (envelope.Event is OccurrenceIdentified identified)
        {
            _identified.Add(identified.OccurrenceId);
        }
    }

    /// <summary>
    /// The row changes that bring the rows from this part to <paramref name="after"/> (this part with the tail folded by <see cref="Apply"/>):
    /// the claims the tail changed or recorded, the occurrences whose claims or view changed, the anchors the changed
    /// claims name (whose rows not read yet are read now), and the new revision.
    /// </summary>
    public async Task<List<ProjectionRowChange>> ChangesAsync(IProjectionStore rows, string projection, int version, LedgerView after, long revision, byte[] hash, CancellationToken cancellationToken)
    {
        var changes = new List<ProjectionRowChange>();
        var groups = new HashSet<string>(_identified, StringComparer.Ordinal);
        var anchors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (claimId, now) in after.Claims)
        {
            var before = _claims.GetValueOrDefault(claimId);
            if (ReferenceEquals(before, now))
            {
                continue;
            }
            changes.Add(new(ClaimRows.ClaimKey(claimId), ClaimRows.Claim(now, _keepChanges)));
            foreach (var occurrenceId in new[] { before?.OccurrenceId, now.OccurrenceId })
            {
                if (occurrenceId is not null)
                {
                    groups.Add(occurrenceId);
                }
            }
            foreach (var anchor in ClaimAnchors.AnchorsOf(now.Occurred))
            {
                if (!anchors.TryGetValue(anchor, out var ids))
                {
                    anchors[anchor] = ids = [];
                }
                ids.Add(claimId);
            }
        }
        var unread = anchors.Keys.Where(a => !_anchored.ContainsKey(a)).Select(ClaimRows.AnchorKey).ToList();
        if (unread.Count > 0)
        {
            foreach (var row in await rows.ReadRowsByKeysAsync(projection, version, unread, cancellationToken).ConfigureAwait(false))
            {
                _anchored[row.Key[ClaimRows.AnchorKey(string.Empty).Length..]] = ClaimRows.ReadIds(row.Document);
            }
        }
        foreach (var (anchor, ids) in anchors)
        {
            var held = _anchored.GetValueOrDefault(anchor) ?? [];
            var added = ids.Where(id => !held.Contains(id, StringComparer.Ordinal)).ToList();
            if (added.Count > 0)
            {
                changes.Add(new(ClaimRows.AnchorKey(anchor), ClaimRows.Ids([.. held, .. added])));
            }
        }
        var members = after.Claims.Values.Where(c => c.OccurrenceId is { } o && groups.Contains(o)).OrderBy(c => c.Position).GroupBy(c => c.OccurrenceId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var occurrenceId in groups.Order(StringComparer.Ordinal))
        {
            var view = after.Occurrences.GetValueOrDefault(occurrenceId);
            var claims = members.GetValueOrDefault(occurrenceId) ?? [];
            changes.Add(new(ClaimRows.OccurrenceKey(occurrenceId), view is null && claims.Count == 0 ? null : ClaimRows.Occurrence(view, claims)));
        }
        changes.Add(new(ClaimRows.AtKey, ClaimRows.At(revision, hash)));
        return changes;
    }

    /// <summary>What an event makes the fold touch: the claims it names, the occurrences it names, the claims it re-dates (whose dependents move with them).</summary>
    private static void Name(ILedgerEvent e, HashSet<string> claims, HashSet<string> groups, HashSet<string> redated)
    {
        switch (e)
        {
            case ClaimRecorded c:
                // An id recorded again replaces the earlier claim: the entry log must know it was there.
                claims.Add(c.ClaimId);
                break;
            case ClaimLinked c:
                claims.Add(c.ClaimId);
                groups.Add(c.OccurrenceId);
                break;
            case ClaimUnlinked c:
                claims.Add(c.ClaimId);
                groups.Add(c.OccurrenceId);
                break;
            case OccurrenceIdentified o:
                groups.Add(o.OccurrenceId);
                break;
            case ClaimRetracted c:
                claims.Add(c.ClaimId);
                break;
            case ConfidenceRevised c:
                claims.Add(c.ClaimId);
                break;
            case ClaimSuperseded c:
                claims.Add(c.ClaimId);
                break;
            case ClaimsCorroborated c:
                claims.Add(c.ClaimId);
                claims.Add(c.OtherClaimId);
                break;
            case ClaimsContradicted c:
                claims.Add(c.ClaimId);
                claims.Add(c.OtherClaimId);
                break;
            case ContradictionResolved c:
                claims.Add(c.ClaimId);
                claims.Add(c.OtherClaimId);
                break;
            case ClaimRedated c:
                claims.Add(c.ClaimId);
                redated.Add(c.ClaimId);
                break;
        }
    }

    private void Take(ProjectionRow row, HashSet<string> claims, HashSet<string> groups, HashSet<string> redated)
    {
        var key = row.Key;
        if (key.StartsWith(ClaimRows.ClaimKey(string.Empty), StringComparison.Ordinal))
        {
            var claim = ClaimRows.ReadClaim(row.Document);
            _claims[claim.Claim.ClaimId] = claim;
            if (claim.OccurrenceId is { } occurrenceId)
            {
                groups.Add(occurrenceId);
            }
        }
        else if (key.StartsWith(ClaimRows.OccurrenceKey(string.Empty), StringComparison.Ordinal))
        {
            var (view, ids) = ClaimRows.ReadOccurrence(row.Document);
            if (view is not null)
            {
                _occurrences[view.Occurrence.OccurrenceId] = view;
            }
            claims.UnionWith(ids);
        }
        else if (key.StartsWith(ClaimRows.AnchorKey(string.Empty), StringComparison.Ordinal))
        {
            var ids = ClaimRows.ReadIds(row.Document);
            _anchored[key[ClaimRows.AnchorKey(string.Empty).Length..]] = ids;
            // A dependent that moves moves its own dependents: the cascade goes on through them.
            claims.UnionWith(ids);
            redated.UnionWith(ids);
        }
    }
}
