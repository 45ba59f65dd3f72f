namespace BilateralTimeline.Domain.Actors.Tenures;

/// <summary>Where a sighting of a holder stands against the end of their tenure.</summary>
public enum SeenAfterEnd { After, PossiblyAfter }

/// <summary>
/// How ends of one tenure are weighed against each other and against later sightings. Days are inclusive
/// intervals [earliest, latest]; a missing bound (an undated claim) is no evidence either way.
/// </summary>
public static class TenureEnds
{
    /// <summary>
    /// Days between an end's earliest and latest day: of several ends the sharpest (narrowest) is kept, so
    /// "May 2024" must not outlive "19 May 2024" because it was recorded first. An undated end is the widest.
    /// </summary>
    public static long Width(DateOnly? earliest, DateOnly? latest) =>
        earliest is { } from && latest is { } to ? to.DayNumber - from.DayNumber : long.MaxValue;

    /// <summary>Two ends agree when their intervals meet (an end with a missing bound agrees with any): one that does not is a disagreement to show.</summary>
    public static bool Agree((DateOnly? Earliest, DateOnly? Latest) a, (DateOnly? Earliest, DateOnly? Latest) b) =>
        a.Earliest is not { } aFrom || a.Latest is not { } aTo || b.Earliest is not { } bFrom || b.Latest is not { } bTo || (aFrom <= bTo && bFrom <= aTo);

    /// <summary>
    /// A holder seen on <paramref name="seen"/> (the sighting's earliest day) is seen after the end when that day is
    /// after the end's latest day, possibly after when it is only after the end's earliest day; null otherwise.
    /// A finding, never a fix.
    /// </summary>
    public static SeenAfterEnd? Sighting(DateOnly seen, DateOnly? endEarliest, DateOnly? endLatest) =>
        endLatest is { } latest && seen > latest ? SeenAfterEnd.After
        : endEarliest is { } earliest && seen > earliest ? SeenAfterEnd.PossiblyAfter
        : null;
}
