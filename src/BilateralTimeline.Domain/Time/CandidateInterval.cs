namespace BilateralTimeline.Domain.Time;

/// <summary>
/// One reading of when something happened: an inclusive day interval [From, To], how precise it is,
/// how it was resolved and from what anchor, and why this reading exists. When the source gives a
/// clock time, <see cref="At"/> is that instant (with the offset in force there and then) and
/// <see cref="TimeZone"/> the IANA zone it was given in; From and To are then its local date.
/// </summary>
public sealed record CandidateInterval(
    DateOnly From,
    DateOnly To,
    DatePrecision Precision,
    ResolutionMethod Method,
    string? Anchor,
    string? Reason,
    DateTimeOffset? At = null,
    string? TimeZone = null)
{
    public static CandidateInterval Create(DateOnly from, DateOnly to, DatePrecision precision, ResolutionMethod method, string? anchor = null, string? reason = null)
    {
        if (to < from)
        {
            throw new DomainRuleViolated("to", $"the interval ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}); swap them or fix the dates");
        }
        return new CandidateInterval(from, to, precision, method, anchor, reason);
    }
}
