using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

/// <summary>A claim's reading that the chosen time does not contain, and why it was set aside (it stays a finding).</summary>
public sealed record SetAsideReading(string ClaimId, string Reading, string Why);

/// <summary>
/// When an occurrence happened as judged from its claims: the chosen reading(s), the claims that
/// support them, the readings set aside, and every step of the choice for `bt explain`.
/// </summary>
public sealed record OccurrenceTimeJudgement(UncertainTime Time, IReadOnlyList<string> Supporters, IReadOnlyList<SetAsideReading> SetAside, IReadOnlyList<string> Steps)
{
    /// <summary>True when <paramref name="claimId"/> is one of the claims whose readings all contain the chosen time.</summary>
    public bool IsSupportedBy(string claimId) => Supporters.Contains(claimId, StringComparer.Ordinal);
}

/// <summary>
/// The occurrence time rule. An occurrence's time is a judgement over its live claims, not the union
/// of their readings:
/// <list type="number">
/// <item>Only live, dated claims have a say; a claim's readings are alternatives (it allows any of them).</item>
/// <item>Each claim weighs its <see cref="ConfidenceScale.Score"/> (Admiralty reliability × credibility, or the
/// ICD 203 likelihood); claims of one origin (<see cref="OccurrenceConfidence.OriginOf"/>) count once,
/// with the weight of the strongest, so two articles citing one agency do not outvote an independent source.</item>
/// <item>Every day gets the support of the origins whose claims allow it; the days with the most support
/// (then the most origins) win, and the reading is the tightest interval all their supporting claims
/// allow (the intersection of those claims' readings): a sharper independent claim narrows it.</item>
/// <item>Equal support for readings that do not overlap keeps them all: the time stays contested.</item>
/// <item>Each reading that does not contain the chosen time is set aside and kept as a finding, never dropped.</item>
/// <item>Clock times with a zone are instants: those of the supporting claims are compared in UTC
/// (<see cref="OccurrenceInstants"/>), and a disagreement beyond their precision is a time contradiction finding.</item>
/// </list>
/// With no live dated claim the time is the union of the claims' readings, as before.
/// </summary>
public static class OccurrenceTime
{
    private sealed record Weighed(ClaimView Claim, string Origin, int Weight);

    public static OccurrenceTimeJudgement Judge(IReadOnlyList<ClaimView> claims)
    {
        var steps = new List<string>();
        foreach (var gone in claims.Where(c => !c.IsLive && !c.Occurred.IsUnknown).OrderBy(c => c.Position))
        {
            steps.Add($"ignored: {gone.Claim.ClaimId} reads {gone.Occurred} but is {(gone.Retracted ? "retracted" : $"superseded by {gone.SupersededBy}")}, no say in the time");
        }
        var live = claims.Where(c => c.IsLive).OrderBy(c => c.Position).ToList();
        foreach (var undated in live.Where(c => c.Occurred.IsUnknown))
        {
            steps.Add($"no date: {undated.Claim.ClaimId} gives no reading, no say in the time");
        }
        var dated = live.Where(c => !c.Occurred.IsUnknown).Select(c => new Weighed(c, OriginKey(c), ConfidenceScale.Score(c.Confidence))).ToList();
        if (dated.Count == 0)
        {
            steps.Add("no live claim is dated: the time is the union of the claims' readings");
            return new OccurrenceTimeJudgement(Union(claims), [], [], steps);
        }
        foreach (var w in dated)
        {
            steps.Add($"reading: {w.Claim.Claim.ClaimId} {w.Claim.Occurred} ({w.Claim.Confidence.Grade} → weight {w.Weight}, origin {OccurrenceConfidence.OriginOf(w.Claim).Origin})");
        }

        var segments = Segments(dated);
        var best = segments.MaxBy(s => (s.Support, s.Origins))!;
        var winners = segments.Where(s => s.Support == best.Support && s.Origins == best.Origins).ToList();
        var readings = winners
            .Select(s => (Reading: Intersection(s), s.Claims, s.Support))
            .DistinctBy(r => (r.Reading.From, r.Reading.To))
            .ToList();
        var supporters = readings.SelectMany(r => r.Claims).Distinct().OrderBy(w => w.Claim.Position).ToList();
        foreach (var (reading, support, total) in readings)
        {
            steps.Add($"chosen: {Show(reading.From, reading.To)}, the tightest interval that {string.Join(", ", support.Select(w => w.Claim.Claim.ClaimId))} all allow"
                + $" (support {total} from {support.Select(w => w.Origin).Distinct().Count()} origin(s))");
        }
        if (readings.Count > 1)
        {
            steps.Add($"tie: {readings.Count} readings that do not overlap have equal support; all are kept and the time stays contested");
        }

        var findings = dated.SelectMany(w => w.Claim.Occurred.Findings).ToList();
        var setAside = new List<SetAsideReading>();
        foreach (var w in dated)
        {
            foreach (var candidate in w.Claim.Occurred.Candidates.Where(c => !readings.Any(r => c.From <= r.Reading.From && c.To >= r.Reading.To)))
            {
                var own = segments.Where(s => s.From <= candidate.To && s.To >= candidate.From).Max(s => s.Support);
                var why = readings.Any(r => r.Claims.Contains(w))
                    ? $"another reading of {w.Claim.Claim.ClaimId}, which supports the chosen time"
                    : $"does not contain the chosen time (its best support {own} < {best.Support})";
                var shown = Show(candidate);
                setAside.Add(new SetAsideReading(w.Claim.Claim.ClaimId, shown, why));
                steps.Add($"set aside: {w.Claim.Claim.ClaimId} {shown}: {why}; kept as a finding");
                findings.Add($"{w.Claim.Claim.ClaimId} reads {shown}, set aside: {why}.");
            }
        }

        var candidates = new List<CandidateInterval>();
        foreach (var (reading, support, _) in readings)
        {
            var instants = OccurrenceInstants.Compare(support.Select(w => (w.Claim, w.Origin, w.Weight)).ToList(), reading);
            steps.AddRange(instants.Steps);
            findings.AddRange(instants.Findings);
            candidates.Add(instants.Reading);
        }
        var phrase = supporters.Select(w => w.Claim.Occurred.Phrase).FirstOrDefault(p => p is not null);
        var language = supporters.Select(w => w.Claim.Occurred.Language).FirstOrDefault(l => l is not null);
        var time = new UncertainTime(phrase, language, candidates.OrderBy(c => c.From).ThenBy(c => c.To).ToList(), findings.Distinct().ToList());
        steps.Add($"= {time}");
        return new OccurrenceTimeJudgement(time, supporters.Select(w => w.Claim.Claim.ClaimId).ToList(), setAside, steps);
    }

    /// <summary>The union of the readings, for an occurrence none of whose live claims is dated (or with no live claim).</summary>
    internal static UncertainTime Union(IReadOnlyList<ClaimView> claims)
    {
        var live = claims.Where(c => c.IsLive).ToList();
        var source = live.Count > 0 ? live : claims.ToList();
        // Claims of one occurrence often give the same interval for different reasons: show it once.
        var candidates = source.SelectMany(c => c.Occurred.Candidates).DistinctBy(c => (c.From, c.To)).ToList();
        var findings = source.SelectMany(c => c.Occurred.Findings).Distinct().ToList();
        var phrase = source.Select(c => c.Occurred.Phrase).FirstOrDefault(p => p is not null);
        return new UncertainTime(phrase, source.Select(c => c.Occurred.Language).FirstOrDefault(l => l is not null), candidates, findings);
    }

    private sealed record Segment(DateOnly From, DateOnly To, IReadOnlyList<Weighed> Claims, int Support, int Origins);

    /// <summary>
    /// The days cut at every reading's ends, each piece with the claims that allow all of it: every
    /// reading either covers a piece whole or misses it, so support is constant within one.
    /// </summary>
    private static List<Segment> Segments(IReadOnlyList<Weighed> dated)
    {
        var cuts = dated.SelectMany(w => w.Claim.Occurred.Candidates).SelectMany(c => new[] { c.From.DayNumber, c.To.DayNumber + 1 }).Distinct().Order().ToList();
        var segments = new List<Segment>();
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var day = cuts[i];
            var covering = dated.Where(w => w.Claim.Occurred.Candidates.Any(c => c.From.DayNumber <= day && c.To.DayNumber >= day)).ToList();
            if (covering.Count == 0)
            {
                continue;
            }
            var byOrigin = covering.GroupBy(w => w.Origin).Select(g => g.Max(w => w.Weight)).ToList();
            segments.Add(new Segment(DateOnly.FromDayNumber(day), DateOnly.FromDayNumber(cuts[i + 1] - 1), covering, byOrigin.Sum(), byOrigin.Count));
        }
        return segments;
    }

    /// <summary>The tightest interval every supporting claim allows around the segment: per claim, the hull of its readings that cover it, intersected.</summary>
    private static CandidateInterval Intersection(Segment segment)
    {
        var from = DateOnly.MinValue;
        var to = DateOnly.MaxValue;
        var covering = new List<CandidateInterval>();
        foreach (var w in segment.Claims)
        {
            var around = w.Claim.Occurred.Candidates.Where(c => c.From <= segment.From && c.To >= segment.To).ToList();
            covering.AddRange(around);
            from = Max(from, around.Min(c => c.From));
            to = Min(to, around.Max(c => c.To));
        }
        var exact = covering.Where(c => c.From == from && c.To == to).ToList();
        if (exact.Count > 0)
        {
            return exact[0] with { At = null, TimeZone = null };
        }
        var ids = string.Join(", ", segment.Claims.Select(w => w.Claim.Claim.ClaimId));
        return CandidateInterval.Create(from, to, PrecisionOf(from, to), ResolutionMethod.InferredFromContext, ids, $"where the readings of {ids} overlap");
    }

    private static DatePrecision PrecisionOf(DateOnly from, DateOnly to) => (to.DayNumber - from.DayNumber + 1) switch
    {
        1 => DatePrecision.Day,
        <= 7 => DatePrecision.Week,
        <= 31 => DatePrecision.Month,
        <= 92 => DatePrecision.Quarter,
        _ => DatePrecision.Year,
    };

    /// <summary>Origins compared as <see cref="OccurrenceConfidence"/> compares them: cited names without case, sources by id.</summary>
    private static string OriginKey(ClaimView claim)
    {
        var (origin, kind) = OccurrenceConfidence.OriginOf(claim);
        return kind == "source" ? "source:" + origin : "cited:" + origin.ToUpperInvariant();
    }

    private static string Show(CandidateInterval c) => new UncertainTime(null, null, [c], []).ToString();

    private static string Show(DateOnly from, DateOnly to) => from == to ? $"{from:yyyy-MM-dd}" : $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}";

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
