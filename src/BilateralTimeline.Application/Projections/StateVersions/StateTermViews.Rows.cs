using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.StateVersions;

/// <summary>
/// The "state" projection's rows of a large dyad after a count of events, drawn from its state terms: the header's
/// numbers, the segments it lists (those holding an entry with a part), and the rows of the segments that changed since the
/// count drawn before (a null row: the segment is gone).
/// </summary>
internal sealed record DrawnStateRows(long LastPosition, int Claims, int Retracted, IReadOnlyList<long> Segments, IReadOnlyList<(long Segment, StateProjection.StateSegmentRow? Row)> Changed);

public sealed partial class StateTermViews
{
    /// <summary>
    /// The rows of the "state" projection after <paramref name="to"/> events of <paramref name="dyad"/>, as changed since
    /// <paramref name="from"/> events (0: none written), with segments of <c>2^shift</c> entry orders. An entry's parts at a
    /// count are those of its version alive then, so a segment changed exactly when a version in it began or ended between
    /// the two counts. <paramref name="listedBefore"/> names segments the rows at <paramref name="from"/> may list beyond
    /// those with parts (a fold's empty ones): listed no longer, they are deleted. The terms are the ones this server holds,
    /// caught up first when they end before <paramref name="to"/>; damaged ones are rebuilt from the log.
    /// </summary>
    internal async Task<DrawnStateRows> DrawRowsAsync(DyadId dyad, int from, int to, int shift, IReadOnlySet<long> listedBefore, CancellationToken cancellationToken)
    {
        var rows = await DrawHeldRowsAsync(dyad, from, to, shift, listedBefore, cancellationToken).ConfigureAwait(false);
        _wholeFold.GiveBack();
        return rows;
    }

    private Task<DrawnStateRows> DrawHeldRowsAsync(DyadId dyad, int from, int to, int shift, IReadOnlySet<long> listedBefore, CancellationToken cancellationToken) =>
        held is null
            ? throw new InvalidOperationException("state rows are drawn from held terms: give the views a HeldStateTerms")
            : WithHeldTermsAsync(
                held,
                dyad,
                null,
                terms => Task.FromResult(terms.Revisions >= to ? (int?)to : null),
                _ => to,
                (loaded, resident, _) => RowsAsync(dyad, loaded, resident, from, to, shift, listedBefore, cancellationToken),
                async loaded =>
                {
                    var (rebuilt, all) = await FoldedAgainAsync(dyad, loaded, null, cancellationToken).ConfigureAwait(false);
                    return await RowsAsync(dyad, rebuilt, all, from, to, shift, listedBefore, cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidOperationException($"the stream {dyad.StreamName} holds fewer than the {to} events the state rows are asked after");
                },
                cancellationToken);

    /// <summary>The rows from <paramref name="loaded"/>'s terms; null when they end before <paramref name="to"/> or a heavy row they need is missing or edited.</summary>
    private async Task<DrawnStateRows?> RowsAsync(DyadId dyad, Loaded loaded, Dictionary<int, EntryStateParts> resident, int from, int to, int shift, IReadOnlySet<long> listedBefore, CancellationToken cancellationToken)
    {
        var terms = loaded.Terms;
        if (terms.Revisions < to)
        {
            return null;
        }
        // Two passes over plain columns: the segments listed and changed, then the versions alive in the changed ones
        // (a list of every alive version, or a sorted set of segments, was most of a commit's cost at a million events).
        var listed = new HashSet<long>();
        var before = new HashSet<long>(listedBefore);
        var changed = new HashSet<long>();
        // Versions made one after another mostly sit in one segment: a set is asked only when the segment changes.
        var (lastListed, lastBefore) = (-1L, -1L);
        for (var v = 0; v < terms.Versions; v++)
        {
            var (order, first, end) = terms.Version(v);
            var aliveTo = first <= to && to < end;
            var aliveFrom = first <= from && from < end;
            if (aliveTo && order >> shift != lastListed)
            {
                lastListed = order >> shift;
                listed.Add(lastListed);
            }
            if (aliveFrom && order >> shift != lastBefore)
            {
                lastBefore = order >> shift;
                before.Add(lastBefore);
            }
            if (aliveTo != aliveFrom)
            {
                changed.Add(order >> shift);
            }
        }
        changed.UnionWith(before.Where(s => !listed.Contains(s)));
        var drawn = new List<(long Order, int Version)>();
        for (var v = 0; v < terms.Versions; v++)
        {
            var (order, first, end) = terms.Version(v);
            if (first <= to && to < end && changed.Contains(order >> shift))
            {
                drawn.Add((order, v));
            }
        }
        drawn.Sort();
        if (await RecordsAsync(dyad, loaded, resident, drawn.Select(a => a.Version).ToHashSet(), cancellationToken).ConfigureAwait(false) is not { } records)
        {
            return null;
        }
        var rows = new List<(long Segment, StateProjection.StateSegmentRow? Row)>();
        foreach (var group in drawn.GroupBy(a => a.Order >> shift))
        {
            var scored = new List<ScoredEntry>();
            var changes = new List<StatusChange>();
            var contacts = new List<ContactEntry>();
            foreach (var (_, version) in group)
            {
                var parts = records[version];
                if (parts.Scored is { } s)
                {
                    scored.Add(s);
                }
                changes.AddRange(terms.ChangesOf(version));
                if (parts.Contact is { } contact)
                {
                    contacts.Add(contact);
                }
            }
            rows.Add((group.Key, new StateProjection.StateSegmentRow(StateProjection.SegmentFormat, scored, changes, contacts)));
        }
        rows.AddRange(changed.Where(s => !listed.Contains(s)).Order().Select(s => (s, (StateProjection.StateSegmentRow?)null)));
        var (lastPosition, claims, retracted) = terms.After(to - 1);
        return new DrawnStateRows(lastPosition, claims, retracted, [.. listed.Order()], rows);
    }
}
