using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

/// <summary>What comparing the instants of one reading gave: the reading to show, the steps and the findings.</summary>
public sealed record InstantComparison(CandidateInterval Reading, IReadOnlyList<string> Steps, IReadOnlyList<string> Findings);

/// <summary>
/// A clock time with a zone is an instant. The instants the supporting claims give for one reading are
/// compared in UTC: "08:00 +03:30" in Tehran and "08:30 +04:00" in Baku are one instant (04:30Z).
/// Two instants agree when they are no further apart than the coarser precision of the two clock
/// times: a time on the hour or half hour is taken as rounded to <see cref="RoundedTolerance"/>, one on
/// five minutes to <see cref="FiveMinuteTolerance"/>, any other as stated to the minute. Instants that
/// differ beyond that are a time contradiction: a finding, never a silent merge. The strongest group
/// (support summed over distinct origins, as for days) gives the reading's instant when it alone is
/// strongest; on a tie the reading keeps the day only.
/// </summary>
public static class OccurrenceInstants
{
    public static readonly TimeSpan RoundedTolerance = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan FiveMinuteTolerance = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan MinuteTolerance = TimeSpan.FromMinutes(1);

    private sealed record Stated(string ClaimId, string Origin, int Weight, CandidateInterval Candidate, DateTimeOffset At);

    public static InstantComparison Compare(IReadOnlyList<(ClaimView Claim, string Origin, int Weight)> supporters, CandidateInterval reading)
    {
        var stated = supporters
            .SelectMany(s => s.Claim.Occurred.Candidates
                .Where(c => c.At is not null && c.From >= reading.From && c.To <= reading.To)
                .Select(c => new Stated(s.Claim.Claim.ClaimId, s.Origin, s.Weight, c, c.At!.Value)))
            .OrderByDescending(s => s.Weight)
            .ToList();
        if (stated.Count == 0)
        {
            return new InstantComparison(reading, [], []);
        }
        var groups = new List<List<Stated>>();
        foreach (var s in stated)
        {
            var group = groups.FirstOrDefault(g => Agree(g[0], s));
            if (group is null)
            {
                groups.Add([s]);
            }
            else
            {
                group.Add(s);
            }
        }
        var steps = new List<string>();
        var findings = new List<string>();
        foreach (var g in groups)
        {
            steps.Add($"instant: {string.Join(" = ", g.Select(s => $"{s.ClaimId} {Local(s)}"))} → {Utc(g[0].At)}");
        }
        if (groups.Count == 1)
        {
            return new InstantComparison(groups[0][0].Candidate, steps, findings);
        }
        var supports = groups.Select(g => g.GroupBy(s => s.Origin).Sum(o => o.Max(s => s.Weight))).ToList();
        for (var i = 1; i < groups.Count; i++)
        {
            var a = groups[0][0];
            var b = groups[i][0];
            var apart = (b.At - a.At).Duration();
            findings.Add($"time contradiction: {string.Join(", ", groups[i].Select(s => s.ClaimId))} give {Local(b)} ({Utc(b.At)}), "
                + $"{(int)apart.TotalMinutes} min from {string.Join(", ", groups[0].Select(s => s.ClaimId))} at {Local(a)} ({Utc(a.At)}), "
                + $"beyond the {(int)Tolerance(a, b).TotalMinutes} min their clock times allow.");
        }
        var top = supports.Max();
        if (supports.Count(s => s == top) == 1)
        {
            var winner = groups[supports.IndexOf(top)][0];
            steps.Add($"instants disagree: {winner.ClaimId}'s {Utc(winner.At)} has the most support ({top}); the others are time contradiction findings");
            return new InstantComparison(winner.Candidate, steps, findings);
        }
        steps.Add("instants disagree with equal support: the reading keeps the day only; each instant is a time contradiction finding");
        return new InstantComparison(reading with { At = null, TimeZone = null }, steps, findings);
    }

    /// <summary>Whether two clock times may be the same instant, given how precisely each was stated.</summary>
    public static bool Agree(DateTimeOffset a, DateTimeOffset b) => (a - b).Duration() <= Tolerance(a, b);

    private static bool Agree(Stated a, Stated b) => Agree(a.At, b.At);

    private static TimeSpan Tolerance(Stated a, Stated b) => Tolerance(a.At, b.At);

    private static TimeSpan Tolerance(DateTimeOffset a, DateTimeOffset b) => Max(Precision(a), Precision(b));

    private static TimeSpan Precision(DateTimeOffset at) => at.Minute % 30 == 0 ? RoundedTolerance : at.Minute % 5 == 0 ? FiveMinuteTolerance : MinuteTolerance;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Local(Stated s) => $"{s.At:HH:mm zzz}{(s.Candidate.TimeZone is null ? "" : $" {s.Candidate.TimeZone}")}";

    private static string Utc(DateTimeOffset at) => $"{at.UtcDateTime:yyyy-MM-dd HH:mm}Z";
}
