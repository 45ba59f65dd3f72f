using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Projections.TimelineVersions;
using BilateralTimeline.Domain.Occurrences;

namespace BilateralTimeline.Application.Projections.Versions;

/// <summary>
/// What a timeline page needs of the ledger at an event count besides its entries, kept as histories
/// instead of views: sources (outlet, publication date), occurrence positions and contradictions change
/// rarely, so each keeps the event counts at which it changed and a page looks them up at its count.
/// Fed with every event the fold applied, in order, with the count before it. Sources, contradictions and
/// tenure are the stored timeline's <see cref="SidesLog"/> (one set of rules for both, which the property
/// tests compare with the fold); occurrence positions are kept here, as only the in-memory page prints them.
/// </summary>
internal sealed class TimelineSides
{
    private readonly Dictionary<string, List<(int From, long Position)>> _occurrences = new(StringComparer.Ordinal);
    private SidesLog _log = new();

    /// <summary>
    /// The first count from which a claim that vacates an office may be live: from there on a page may carry
    /// tenure findings, which are derived from a view (they depend on every live claim naming an office holder).
    /// </summary>
    public int FirstTenureEnd => _log.FirstTenureEnd;

    /// <summary>Events seen (applied or skipped).</summary>
    public int Count { get; private set; }

    /// <summary>
    /// The event at count <paramref name="count"/> (the number before it): <paramref name="envelope"/> when the fold
    /// applied it, null when it skipped an event of a type it does not know.
    /// </summary>
    public void Add(int count, LedgerEnvelope? envelope)
    {
        Count = count + 1;
        if (envelope?.Event is OccurrenceIdentified e)
        {
            if (!_occurrences.TryGetValue(e.OccurrenceId, out var list))
            {
                _occurrences[e.OccurrenceId] = list = [];
            }
            list.Add((count + 1, envelope.Position));
        }
        _log.Add(count, envelope);
    }

    /// <summary>Forgets everything (the stream changed behind the index's back).</summary>
    public void Clear()
    {
        _occurrences.Clear();
        _log = new SidesLog();
        Count = 0;
    }

    /// <inheritdoc cref="SidesLog.OutletAt"/>
    public string OutletAt(string sourceId, int count) => _log.OutletAt(sourceId, count);

    /// <inheritdoc cref="SidesLog.PublishedBy"/>
    public bool PublishedBy(string sourceId, int count, DateOnly asOf) => _log.PublishedBy(sourceId, count, asOf);

    /// <summary>The position of the occurrence's record at <paramref name="count"/>; null when it was not identified yet.</summary>
    public long? OccurrencePosition(string occurrenceId, int count)
    {
        if (_occurrences.TryGetValue(occurrenceId, out var list))
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (list[i].From <= count)
                {
                    return list[i].Position;
                }
            }
        }
        return null;
    }

    /// <inheritdoc cref="SidesLog.OpenAt"/>
    public IEnumerable<ContradictionRecord> OpenAt(int count) => _log.OpenAt(count);
}
