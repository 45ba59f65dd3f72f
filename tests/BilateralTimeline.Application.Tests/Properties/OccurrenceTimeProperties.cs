using System.Text.Json;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>
/// The occurrence time rule (<see cref="OccurrenceTime"/>) over random claims of one occurrence: a few
/// sources, some citing a shared agency, readings of a day to a few months within one half year, any grade.
/// </summary>
public sealed class OccurrenceTimeProperties
{
    private static readonly DateOnly First = new(2024, 1, 1);

    private static readonly Reliability[] Reliabilities = Enum.GetValues<Reliability>();

    [Property(MaxTest = 500)]
    public void Adding_a_sharper_independent_claim_never_widens_the_occurrence(int seed)
    {
        var random = new Random(seed);
        var claims = Claims(random, random.Next(1, 6));
        var before = OccurrenceTime.Judge(claims).Time;
        var inside = before.Candidates[random.Next(before.Candidates.Count)];
        var from = inside.From.AddDays(random.Next(inside.To.DayNumber - inside.From.DayNumber + 1));
        var to = from.AddDays(random.Next(inside.To.DayNumber - from.DayNumber + 1));
        var sharper = Claim("c-new", "independent", null, RandomConfidence(random), [CandidateInterval.Create(from, to, DatePrecision.Day, ResolutionMethod.Explicit)], claims.Count + 1);

        var after = OccurrenceTime.Judge([.. claims, sharper]).Time;

        Assert.All(after.Candidates, r => Assert.Contains(before.Candidates, b => b.From <= r.From && b.To >= r.To));
        // And it narrows the reading to itself: its support is the old winner's plus its own.
        Assert.All(after.Candidates, r => Assert.True(r.From >= from && r.To <= to, $"{after} is not within {from}..{to}"));
    }

    [Property(MaxTest = 500)]
    public void Removing_a_claim_never_makes_the_reading_sharper_than_its_remaining_support(int seed)
    {
        var random = new Random(seed);
        var claims = Claims(random, random.Next(2, 7));
        var remaining = claims.Where((_, i) => i != random.Next(claims.Count)).ToList();

        var judged = OccurrenceTime.Judge(remaining);

        Assert.All(judged.Supporters, id => Assert.Contains(remaining, c => c.Claim.ClaimId == id));
        foreach (var reading in judged.Time.Candidates)
        {
            // The reading is one a remaining supporter states, no sharper, and its supporters all allow it.
            var around = remaining.Where(c => judged.IsSupportedBy(c.Claim.ClaimId)).SelectMany(c => Around(c, reading)).ToList();
            Assert.Contains(around, c => c.From == reading.From && c.To == reading.To);
        }
    }

    [Property(MaxTest = 500)]
    public void Every_reading_that_does_not_contain_the_chosen_time_is_listed(int seed)
    {
        var random = new Random(seed);
        var claims = Claims(random, random.Next(1, 7));

        var judged = OccurrenceTime.Judge(claims);

        foreach (var claim in claims)
        {
            foreach (var reading in claim.Occurred.Candidates.Where(c => !judged.Time.Candidates.Any(r => c.From <= r.From && c.To >= r.To)))
            {
                var shown = new UncertainTime(null, null, [reading], []).ToString();
                Assert.Contains(judged.SetAside, s => s.ClaimId == claim.Claim.ClaimId && s.Reading == shown);
                Assert.Contains(judged.Time.Findings, f => f.StartsWith($"{claim.Claim.ClaimId} reads {shown}, set aside", StringComparison.Ordinal));
            }
        }
    }

    [Property(MaxTest = 300)]
    public void Claims_anchored_on_a_re_dated_claim_move_alike_in_the_builder_and_the_step_by_step_fold(int seed)
    {
        var random = new Random(seed);
        var events = new List<ILedgerEvent>
        {
            new SourceRegistered("s1", "outlet", "en", "title", null, UncertainTime.Unknown, null, "x", SourceText.Sha256Hex("x")),
            new OccurrenceIdentified("occ", "the occurrence"),
        };
        var times = new Dictionary<string, UncertainTime>();
        for (var i = 0; i < random.Next(4, 20); i++)
        {
            if (times.Count > 0 && random.Next(3) == 0)
            {
                var target = times.Keys.ElementAt(random.Next(times.Count));
                var redated = random.Next(6) == 0 ? UncertainTime.Unknown : new UncertainTime(null, null, [Reading(random)], []);
                events.Add(new ClaimRedated(target, times[target], redated, "re-read"));
                times[target] = redated;
                continue;
            }
            var id = $"c-{i}";
            var time = new UncertainTime(null, null, [Reading(random)], []);
            if (times.Count > 0 && random.Next(2) == 0)
            {
                // Anchored on an earlier claim, sometimes on one itself anchored: re-dating cascades.
                var anchor = times.Keys.ElementAt(random.Next(times.Count));
                var days = random.Next(0, 60);
                time = times[anchor].IsUnknown ? time : new UncertainTime(
                    null, null, times[anchor].Candidates.Select(c => c with { From = c.From.AddDays(days), To = c.To.AddDays(days), Method = ResolutionMethod.RelativeToClaim, Anchor = $"{anchor} ({days} days after)" }).ToList(), []);
            }
            times[id] = time;
            events.Add(Claim(id, "s1", null, RandomConfidence(random), [.. time.Candidates], i).Claim with { Occurred = time });
            if (random.Next(2) == 0)
            {
                events.Add(new ClaimLinked(id, "occ", "same crash"));
            }
        }
        var envelopes = events.Select((e, i) => new LedgerEnvelope(e, i + 1, i, Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddSeconds(i), "tester")).ToList();

        var builder = LedgerView.Create().ToBuilder();
        envelopes.ForEach(e => builder.Apply(e));
        var bulk = builder.ToImmutable();
        var stepByStep = envelopes.Aggregate(LedgerView.Create(), LedgerView.Apply);

        Assert.Equal(Shown(stepByStep), Shown(bulk));
    }

    private static string Shown(LedgerView view) =>
        JsonSerializer.Serialize(
            new
            {
                Claims = view.Claims.Values.OrderBy(c => c.Claim.ClaimId, StringComparer.Ordinal)
                    .Select(c => new { c.Claim.ClaimId, When = c.Occurred.ToString(), c.Occurred.Findings, Changes = c.Changes.Select(x => x.What) }).ToList(),
                Timeline = TimelineProjection.Build("AZE-IRN", view, new DateOnly(2025, 1, 1), null),
            },
            LedgerJson.Options);

    private static IEnumerable<CandidateInterval> Around(ClaimView claim, CandidateInterval reading) =>
        claim.Occurred.Candidates.Where(c => c.From <= reading.From && c.To >= reading.To);

    private static List<ClaimView> Claims(Random random, int count) =>
        Enumerable.Range(1, count).Select(i => Claim(
            $"c-{i}",
            $"source-{random.Next(3)}",
            random.Next(3) == 0 ? "IRNA" : null,
            RandomConfidence(random),
            Enumerable.Range(0, random.Next(1, 3)).Select(_ => Reading(random)).ToList(),
            i)).ToList();

    private static CandidateInterval Reading(Random random)
    {
        var from = First.AddDays(random.Next(180));
        var to = from.AddDays(random.Next(3) == 0 ? 0 : random.Next(90));
        return CandidateInterval.Create(from, to, from == to ? DatePrecision.Day : DatePrecision.Month, ResolutionMethod.Explicit);
    }

    private static Confidence RandomConfidence(Random random) => new(Reliabilities[random.Next(Reliabilities.Length)], random.Next(1, 7));

    private static ClaimView Claim(string id, string source, string? agency, Confidence confidence, List<CandidateInterval> readings, long position)
    {
        var time = new UncertainTime(null, null, readings, []);
        var attribution = agency is null ? new List<AttributionLink>() : [new AttributionLink(agency, AttributionKind.Agency)];
        var recorded = new ClaimRecorded(id, source, "statement", "the crash", Modality.Asserted, [], null, time, attribution, [new Quote(0, 1, "x")], confidence, [], null);
        return new ClaimView(recorded, position, Guid.NewGuid(), DateTimeOffset.UnixEpoch, "tester", confidence, false, "occ", [], [], [], null, time);
    }
}
