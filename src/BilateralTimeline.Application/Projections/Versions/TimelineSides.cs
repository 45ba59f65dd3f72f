using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Application.Projections.Versions;

/// <summary>
/// What a timeline page needs of the ledger at an event count besides its entries, kept as histories
/// instead of views: sources (outlet, publication date), occurrence positions and contradictions change
/// rarely, so each keeps the event counts at which it changed and a page looks them up at its count.
/// Fed with every event the fold applied, in order, with the count before it; it follows the same rules
/// as <see cref="LedgerView.Builder"/> for the parts it keeps, which the property tests compare with the fold.
/// </summary>
internal sealed class TimelineSides
{
    private readonly Dictionary<string, List<SourceAt>> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OccurrenceAt>> _occurrences = new(StringComparer.Ordinal);
    private readonly List<Contradiction> _contradictions = [];
    private int _count;

    /// <summary>
    /// The first count from which a claim that vacates an office may be live: from there on a page may carry
    /// tenure findings, which are derived from a view (they depend on every live claim naming an office holder).
    /// </summary>
    public int FirstTenureEnd { get; private set; } = int.MaxValue;

    /// <summary>Events seen (applied or skipped).</summary>
    public int Count => _count;

    /// <summary>
    /// The event at count <paramref name="count"/> (the number before it): <paramref name="envelope"/> when the fold
    /// applied it, null when it skipped an event of a type it does not know.
    /// </summary>
    public void Add(int count, LedgerEnvelope? envelope)
    {
        _count = count + 1;
        var after = count + 1;
        switch (envelope?.Event)
        {
            case SourceRegistered e:
                Append(_sources, e.SourceId, new SourceAt(after, e.Outlet, e.Published.Earliest));
                break;
            case OccurrenceIdentified e:
                Append(_occurrences, e.OccurrenceId, new OccurrenceAt(after, envelope.Position));
                break;
            case ClaimRecorded e when FirstTenureEnd == int.MaxValue && e.Effects.Any(ActorsProjection.EndsTenure):
                FirstTenureEnd = after;
                break;
            case ClaimsContradicted e:
                _contradictions.Add(new Contradiction(ContradictionRecord.Of(e, EventRef.Of(envelope)), after));
                break;
            case ContradictionResolved e:
                // The fold settles the last open record of the pair and field.
                var index = _contradictions.FindLastIndex(c => c.Resolved == int.MaxValue && c.Record.Concerns(e.ClaimId, e.OtherClaimId, e.Field));
                if (index >= 0)
                {
                    _contradictions[index] = _contradictions[index] with { Resolved = after };
                }
                break;
        }
    }

    /// <summary>Forgets everything (the stream changed behind the index's back).</summary>
    public void Clear()
    {
        _sources.Clear();
        _occurrences.Clear();
        _contradictions.Clear();
        _count = 0;
        FirstTenureEnd = int.MaxValue;
    }

    /// <summary>The source's outlet and publication day at <paramref name="count"/>; null when it was not registered yet.</summary>
    public (string Outlet, DateOnly? Published)? Source(string sourceId, int count) =>
        At(_sources, sourceId, count) is { } s ? (s.Outlet, s.Published) : null;

    /// <summary>The position of the occurrence's record at <paramref name="count"/>; null when it was not identified yet.</summary>
    public long? OccurrencePosition(string occurrenceId, int count) =>
        At(_occurrences, occurrenceId, count) is { } o ? o.Position : null;

    /// <summary>The contradictions open at <paramref name="count"/>, in the order the fold lists them.</summary>
    public IEnumerable<ContradictionRecord> OpenAt(int count)
    {
        foreach (var c in _contradictions)
        {
            if (c.Opened > count)
            {
                yield break;
            }
            if (count < c.Resolved)
            {
                yield return c.Record;
            }
        }
    }

    private static void Append<T>(Dictionary<string, List<T>> history, string id, T value)
    {
        if (!history.TryGetValue(id, out var list))
        {
            history[id] = list = [];
        }
        list.Add(value);
    }

    private static T? At<T>(Dictionary<string, List<T>> history, string id, int count) where T : struct, IChanged
    {
        if (!history.TryGetValue(id, out var list))
        {
            return null;
        }
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i].From <= count)
            {
                return list[i];
            }
        }
        return null;
    }

    private interface IChanged
    {
        int From { get; }
    }

    private readonly record struct SourceAt(int From, string Outlet, DateOnly? Published) : IChanged;

    private readonly record struct OccurrenceAt(int From, long Position) : IChanged;

    /// <summary>A disagreement as the fold records it, open from count <paramref name="Opened"/> until <paramref name="Resolved"/>.</summary>
    private sealed record Contradiction(ContradictionRecord Record, int Opened, int Resolved = int.MaxValue);
}
