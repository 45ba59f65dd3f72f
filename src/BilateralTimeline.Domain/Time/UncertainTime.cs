namespace BilateralTimeline.Domain.Time;

/// <summary>
/// When something happened as far as the source lets us say: the original phrase in its language,
/// zero or more candidate readings, and findings (e.g. "weekday does not match") that stay visible
/// instead of being silently fixed. No candidates means precision unknown: kept, never dropped.
/// </summary>
public sealed record UncertainTime(
    string? Phrase,
    string? Language,
    IReadOnlyList<CandidateInterval> Candidates,
    IReadOnlyList<string> Findings)
{
    public static readonly UncertainTime Unknown = new(null, null, [], []);

    public bool IsUnknown => Candidates.Count == 0;

    /// <summary>Several readings that do not all overlap: the time itself is contested.</summary>
    public bool IsContested =>
        Candidates.Count > 1 && Candidates.Max(c => c.From) > Candidates.Min(c => c.To);

    /// <summary>The earliest day any reading allows.</summary>
    public DateOnly? Earliest => Candidates.Count == 0 ? null : Candidates.Min(c => c.From);

    /// <summary>The latest day any reading allows.</summary>
    public DateOnly? Latest => Candidates.Count == 0 ? null : Candidates.Max(c => c.To);

    public DatePrecision Precision => Candidates.Count switch
    {
        0 => DatePrecision.Unknown,
        1 => Candidates[0].Precision,
        _ => Candidates.Max(c => c.Precision),
    };

    public override string ToString()
    {
        if (Candidates.Count == 0)
        {
            return "unknown";
        }
        return string.Join(" | ", Candidates.Select(c => c switch
        {
            // A clock time with a zone is an instant: its UTC reading beside the local one makes two zones comparable at a glance.
            { At: { } at } => $"{at:yyyy-MM-dd HH:mm zzz}{(c.TimeZone is null ? "" : $" ({c.TimeZone})")}{(at.Offset == TimeSpan.Zero ? "" : $" = {at.UtcDateTime:yyyy-MM-dd HH:mm}Z")}",
            _ when c.From == c.To => $"{c.From:yyyy-MM-dd}",
            _ => $"{c.From:yyyy-MM-dd}..{c.To:yyyy-MM-dd}",
        }));
    }

    /// <summary>Where an as-of date V falls relative to this time.</summary>
    public TimeStanding StandingAt(DateOnly asOf)
    {
        if (Candidates.Count == 0)
        {
            return TimeStanding.Undated;
        }
        if (Latest <= asOf)
        {
            return TimeStanding.Occurred;
        }
        return Earliest <= asOf ? TimeStanding.Possibly : TimeStanding.NotYet;
    }
}

/// <summary>Occurred by V; possibly by V (interval straddles V); not yet; or undated.</summary>
public enum TimeStanding { Occurred, Possibly, NotYet, Undated }
