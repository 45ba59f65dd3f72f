using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Application.Projections.TimelineVersions;

/// <summary>
/// What a timeline page needs of the ledger beside its entries, as histories over event counts, following the
/// rules of <see cref="LedgerView.Builder"/> for the parts it keeps: each source's outlet and publication day,
/// the contradictions with the counts they were open for, and the first count at which a claim that vacates an
/// office may be live. A stored timeline keeps it by segments, each with what its events added
/// (<see cref="PartFrom"/>); <see cref="Versions.TimelineSides"/> keeps one in memory.
/// </summary>
internal sealed class SidesLog
{
    private readonly Dictionary<string, List<StoredSource>> _sources = new(StringComparer.Ordinal);
    private readonly List<StoredSource> _sourceOrder = [];
    private readonly List<StoredContradiction> _contradictions = [];
    private readonly List<(int Index, int Resolved)> _resolutions = [];

    public int FirstTenureEnd { get; private set; } = int.MaxValue;

    public IReadOnlyList<StoredContradiction> Contradictions => _contradictions;

    /// <summary>Adds a stored segment's part; its resolutions name contradictions by their place among all.</summary>
    public void AddPart(SidesPart part)
    {
        foreach (var source in part.Sources)
        {
            AddSource(source);
        }
        _contradictions.AddRange(part.Contradictions);
        foreach (var (index, resolved) in part.Resolutions)
        {
            Resolve(index, resolved);
        }
        FirstTenureEnd = Math.Min(FirstTenureEnd, part.FirstTenureEnd);
    }

    /// <summary>The event at count <paramref name="count"/> (the number before it); null when the fold skipped it.</summary>
    public void Add(int count, LedgerEnvelope? envelope)
    {
        var after = count + 1;
        switch (envelope?.Event)
        {
            case SourceRegistered e:
                AddSource(new StoredSource(e.SourceId, after, e.Outlet, e.Published.Earliest));
                break;
            case ClaimRecorded e when FirstTenureEnd == int.MaxValue && e.Effects.Any(ActorsProjection.EndsTenure):
                FirstTenureEnd = after;
                break;
            case ClaimsContradicted e:
                _contradictions.Add(new StoredContradiction(ContradictionRecord.Of(e, EventRef.Of(envelope)), after));
                break;
            case ContradictionResolved e:
                // The fold settles the last open record of the pair and field.
                var index = _contradictions.FindLastIndex(c => c.Resolved == int.MaxValue && c.Record.Concerns(e.ClaimId, e.OtherClaimId, e.Field));
                if (index >= 0)
                {
                    Resolve(index, after);
                }
                break;
            case OccurrenceIdentified:
                // An occurrence's position is its version's order: no history needed.
                break;
        }
    }

    /// <summary>What was added since a log holding <paramref name="sources"/> sources, <paramref name="contradictions"/> contradictions and <paramref name="resolutions"/> resolutions.</summary>
    public SidesPart PartFrom(int sources, int contradictions, int resolutions) => new(
        [.. _sourceOrder.Skip(sources)], [.. _contradictions.Skip(contradictions).Select(c => c with { Resolved = int.MaxValue })],
        [.. _resolutions.Skip(resolutions)], FirstTenureEnd);

    public (int Sources, int Contradictions, int Resolutions) Marks => (_sourceOrder.Count, _contradictions.Count, _resolutions.Count);

    /// <summary>The outlet at <paramref name="count"/>; "?" when the source was not registered by then (as the fold prints it).</summary>
    public string OutletAt(string sourceId, int count) => SourceAt(sourceId, count) is { } s ? s.Outlet : "?";

    /// <summary>As the fold's timeline: a claim whose source is unknown then, or undated, or published by the as-of.</summary>
    public bool PublishedBy(string sourceId, int count, DateOnly asOf) =>
        SourceAt(sourceId, count) is not { } s || s.Published is not { } earliest || earliest <= asOf;

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

    private void AddSource(StoredSource source)
    {
        if (!_sources.TryGetValue(source.SourceId, out var list))
        {
            _sources[source.SourceId] = list = [];
        }
        list.Add(source);
        _sourceOrder.Add(source);
    }

    private void Resolve(int index, int resolved)
    {
        if ((uint)index >= (uint)_contradictions.Count)
        {
            throw new InvalidDataException("a resolution of a contradiction the stored sides do not hold");
        }
        _contradictions[index] = _contradictions[index] with { Resolved = resolved };
        _resolutions.Add((index, resolved));
    }

    /// <summary>The source as registered at <paramref name="count"/>; null when it was not registered yet.</summary>
    public StoredSource? SourceAt(string sourceId, int count)
    {
        if (!_sources.TryGetValue(sourceId, out var list))
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
}

/// <summary>What one segment's events added to the <see cref="SidesLog"/>.</summary>
internal sealed record SidesPart(IReadOnlyList<StoredSource> Sources, IReadOnlyList<StoredContradiction> Contradictions, IReadOnlyList<(int Index, int Resolved)> Resolutions, int FirstTenureEnd);
