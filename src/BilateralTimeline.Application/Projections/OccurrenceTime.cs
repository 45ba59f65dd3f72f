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
/// <item>Every stated reading is supported by the claims that allow all of it (one of their readings
/// contains it: "May 2024" allows "19 May 2024", "June 2024" does not). The reading with the most support
/// (then the most origins) is chosen; of readings with equal support the tightest are kept (one that holds
/// another says less). So a sharper independent claim narrows the time: it has its own support and that
/// of every claim whose reading contains it. Only stated readings are chosen, never an overlap nobody
/// stated, so two claims that each say "May or June" do not become "the days May and June share".</item>
/// <item>Equal support for readings that do not nest keeps them all: if they do not overlap, the time stays contested.</item>
/// <item>Each reading that does not contain the chosen time is set aside and kept as a finding, never dropped.</item>
/// <item>Clock times with a zone are instants: those of the supporting claims are compared in UTC
/// (<see cref="OccurrenceInstants"/>), and a disagreement beyond their precision is a time contradiction finding.</item>
/// </list>
/// With no live dated claim the time is the union of the claims' readings, as before.
/// </summary>
public static class OccurrenceTime
{
    private sealed record Weighed(ClaimView Claim, string Origin, int Weight);

    /// <summary>
    /// Judges the time of an occurrence with <paramref name="claims"/>. The steps are worded only when
    /// <paramref name="withSteps"/> asks (`bt explain`): every timeline and state query judges every
    /// occurrence, and wording the steps was most of the cost.
    /// </summary>
    public static OccurrenceTimeJudgement Judge(IReadOnlyList<ClaimView> claims, bool withSteps = false)
    {
        var steps = withSteps ? new List<string>() : null;
        foreach (var gone in claims.Where(c => !c.IsLive && !c.Occurred.IsUnknown).OrderBy(c => c.Position))
        {
            steps?.Add($"ignored: {gone.Claim.ClaimId} reads {gone.Occurred} but is {(gone.Retracted ? "retracted" : $"superseded by {gone.SupersededBy}")}, no say in the time");
        }
        var live = claims.Where(c => c.IsLive).OrderBy(c => c.Position).ToList();
        foreach (var undated in live.Where(c => c.Occurred.IsUnknown))
        {
            steps?.Add($"no date: {undated.Claim.ClaimId} gives no reading, no say in the time");
        }
        var dated = live.Where(c => !c.Occurred.IsUnknown).Select(c => new Weighed(c, OriginKey(c), ConfidenceScale.Score(c.Confidence))).ToList();
        if (dated.Count == 0)
        {
            steps?.Add("no live claim is dated: the time is the union of the claims' readings");
            return new OccurrenceTimeJudgement(Union(claims), [], [], steps ?? []);
        }
        foreach (var w in dated)
        {
            steps?.Add($"reading: {w.Claim.Claim.ClaimId} {w.Claim.Occurred} ({w.Claim.Confidence.Grade} → weight {w.Weight}, origin {OccurrenceConfidence.OriginOf(w.Claim).Origin})");
        }

        // Every stated reading is weighed by the claims that allow all of it; readings equal as days are one.
        // They stay in the order they were first stated, as the union showed them.
        var stated = new List<(CandidateInterval Reading, List<string> StatedBy)>();
        foreach (var w in dated)
        {
            foreach (var c in w.Claim.Occurred.Candidates)
            {
                var index = stated.FindIndex(x => x.Reading.From == c.From && x.Reading.To == c.To);
                if (index < 0)
                {
                    stated.Add((c.At is null ? c : c with { At = null, TimeZone = null }, [w.Claim.Claim.ClaimId]));
                }
                else if (!stated[index].StatedBy.Contains(w.Claim.Claim.ClaimId))
                {
                    stated[index].StatedBy.Add(w.Claim.Claim.ClaimId);
                }
            }
        }
        var weighed = stated.Select(x => Weigh(x.Reading, x.StatedBy, dated)).ToList();
        var best = weighed.MaxBy(r => (r.Support, r.Origins))!;
        var tied = weighed.Where(r => r.Support == best.Support && r.Origins == best.Origins).ToList();
        // The tightest: of readings with equal support, one that holds another says less.
        var readings = tied
            .Where(r => !tied.Any(o => (o.Reading.From, o.Reading.To) != (r.Reading.From, r.Reading.To) && r.Reading.From <= o.Reading.From && r.Reading.To >= o.Reading.To))
            .ToList();
        // By reference: each dated claim has one Weighed, and hashing the records by value hashed every claim's whole text.
        var supporters = readings.SelectMany(r => r.Claims).Distinct<Weighed>(ReferenceEqualityComparer.Instance).OrderBy(w => w.Claim.Position).ToList();
        foreach (var r in readings)
        {
            steps?.Add($"chosen: {Show(r.Reading.From, r.Reading.To)}, stated by {string.Join(", ", r.StatedBy)} and allowed by {string.Join(", ", r.Claims.Select(w => w.Claim.Claim.ClaimId))}"
                + $" (support {r.Support} from {r.Origins} origin(s))");
        }
        foreach (var r in tied.Except<WeighedReading>(readings, ReferenceEqualityComparer.Instance))
        {
            steps?.Add($"wider: {Show(r.Reading.From, r.Reading.To)} has the same support but holds a tighter chosen reading");
        }
        if (readings.Count > 1)
        {
            steps?.Add($"{readings.Count} readings have equal support: all are kept{(readings.Max(r => r.Reading.From) > readings.Min(r => r.Reading.To) ? " and the time stays contested" : "")}");
        }

        // The claims' own findings, undated ones' too: the union kept them all, and nothing is dropped.
        var findings = live.SelectMany(c => c.Occurred.Findings).ToList();
        var setAside = new List<SetAsideReading>();
        foreach (var w in dated)
        {
            foreach (var candidate in w.Claim.Occurred.Candidates.Where(c => !readings.Any(r => c.From <= r.Reading.From && c.To >= r.Reading.To)))
            {
                var own = weighed.First(r => r.Reading.From == candidate.From && r.Reading.To == candidate.To);
                var why = readings.Any(r => r.Claims.Contains(w))
                    ? $"another reading of {w.Claim.Claim.ClaimId}, which supports the chosen time"
                    : $"does not contain the chosen time (its support {own.Support} from {own.Origins} origin(s), against {best.Support} from {best.Origins})";
                var shown = Show(candidate);
                setAside.Add(new SetAsideReading(w.Claim.Claim.ClaimId, shown, why));
                steps?.Add($"set aside: {w.Claim.Claim.ClaimId} {shown}: {why}; kept as a finding");
                findings.Add($"{w.Claim.Claim.ClaimId} reads {shown}, set aside: {why}.");
            }
        }

        var candidates = new List<CandidateInterval>();
        foreach (var r in readings)
        {
            if (!r.Claims.Any(w => w.Claim.Occurred.Candidates.Any(c => c.At is not null)))
            {
                candidates.Add(r.Reading);
                continue;
            }
            var instants = OccurrenceInstants.Compare(r.Claims.Select(w => (w.Claim, w.Origin, w.Weight)).ToList(), r.Reading);
            steps?.AddRange(instants.Steps);
            findings.AddRange(instants.Findings);
            candidates.Add(instants.Reading);
        }
        var phrase = supporters.Select(w => w.Claim.Occurred.Phrase).FirstOrDefault(p => p is not null);
        var language = supporters.Select(w => w.Claim.Occurred.Language).FirstOrDefault(l => l is not null);
        var time = new UncertainTime(phrase, language, candidates, findings.Distinct().ToList());
        steps?.Add($"= {time}");
        return new OccurrenceTimeJudgement(time, supporters.Select(w => w.Claim.Claim.ClaimId).ToList(), setAside, steps ?? []);
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

    private sealed record WeighedReading(CandidateInterval Reading, IReadOnlyList<string> StatedBy, IReadOnlyList<Weighed> Claims, int Support, int Origins);

    /// <summary>The reading with the claims that allow all of it (one of their readings contains it) and their support, each origin counted once at its strongest.</summary>
    private static WeighedReading Weigh(CandidateInterval reading, IReadOnlyList<string> statedBy, IReadOnlyList<Weighed> dated)
    {
        var allowing = new List<Weighed>();
        var strongest = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in dated)
        {
            if (Contains(w, reading))
            {
                allowing.Add(w);
                strongest[w.Origin] = Math.Max(strongest.GetValueOrDefault(w.Origin), w.Weight);
            }
        }
        return new WeighedReading(reading, statedBy, allowing, strongest.Values.Sum(), strongest.Count);
    }

    private static bool Contains(Weighed claim, CandidateInterval reading) => claim.Claim.Occurred.Candidates.Any(c => c.From <= reading.From && c.To >= reading.To);

    /// <summary>Origins compared as <see cref="OccurrenceConfidence"/> compares them: cited names without case, sources by id.</summary>
    private static string OriginKey(ClaimView claim)
    {
        var (origin, kind) = OccurrenceConfidence.OriginOf(claim);
        return kind == "source" ? "source:" + origin : "cited:" + origin.ToUpperInvariant();
    }

    private static string Show(CandidateInterval c) => new UncertainTime(null, null, [c], []).ToString();

    private static string Show(DateOnly from, DateOnly to) => from == to ? $"{from:yyyy-MM-dd}" : $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}";
}
