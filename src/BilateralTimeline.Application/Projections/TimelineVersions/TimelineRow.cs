using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections.TimelineVersions;

/// <summary>
/// One entry version as a timeline walk reads it before printing anything: its days (the sort key and
/// the as-of and window tests), the event counts [<see cref="From"/>, <see cref="To"/>) it is alive for
/// (<see cref="Open"/>: still its entry's latest when stored), its global version number and entry order,
/// and, for an undated version, the sources of its claims (whether one was published by the as-of).
/// </summary>
internal readonly record struct TimelineRow(
    int Earliest, int Latest, int From, int To, int Version, long Order, bool IsOccurrence, bool LoneOpinion, string Id, string[]? UndatedSources)
{
    public const int Open = int.MaxValue;

    /// <summary>Sorts after every real day number (DateOnly.DayNumber is at most about 3.65 million).</summary>
    public const int Undated = int.MaxValue;

    public bool IsDated => Earliest != Undated;

    public static TimelineRow Of(Entry entry, int from, int to, int version, long order)
    {
        var (earliest, latest) = entry.Time.Earliest is { } e && entry.Time.Latest is { } l ? (e.DayNumber, l.DayNumber) : (Undated, Undated);
        var loneOpinion = !entry.IsOccurrence && entry.Claims[0].Claim.Modality == Domain.Claims.Modality.Opinion;
        string[]? sources = earliest == Undated ? [.. entry.Claims.Select(c => c.Claim.SourceId)] : null;
        return new TimelineRow(earliest, latest, from, to, version, order, entry.IsOccurrence, loneOpinion, entry.Id, sources);
    }

    /// <summary>Where an as-of falls relative to the version's time, as <see cref="UncertainTime.StandingAt"/> says it from the same days.</summary>
    public TimeStanding StandingAt(int asOf) =>
        !IsDated ? TimeStanding.Undated : Latest <= asOf ? TimeStanding.Occurred : Earliest <= asOf ? TimeStanding.Possibly : TimeStanding.NotYet;

    /// <summary>
    /// The timeline's order (<see cref="Versions.TimelineOrder"/>): earliest, latest day, id; undated last; an
    /// occurrence before a lone claim of the same id; then the version number (one entry's versions are never alive together).
    /// </summary>
    public static int Compare(in TimelineRow a, in TimelineRow b)
    {
        var c = a.Earliest.CompareTo(b.Earliest);
        if (c != 0)
        {
            return c;
        }
        c = a.Latest.CompareTo(b.Latest);
        if (c != 0)
        {
            return c;
        }
        c = string.CompareOrdinal(a.Id, b.Id);
        if (c != 0)
        {
            return c;
        }
        c = b.IsOccurrence.CompareTo(a.IsOccurrence);
        return c != 0 ? c : a.Version.CompareTo(b.Version);
    }
}
