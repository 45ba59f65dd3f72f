using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Scoring;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>
/// Random but well-formed ledger histories: a source, claims of every kind, modality and dating, and
/// corrections that refer only to claims recorded earlier in the same history.
/// </summary>
internal static class HistoryGenerator
{
    private static readonly DateOnly First = new(2015, 1, 1);

    private static readonly DateOnly Last = new(2025, 12, 31);

    private static readonly Modality[] Modalities = Enum.GetValues<Modality>();

    private static readonly Reliability[] Reliabilities = Enum.GetValues<Reliability>();

    /// <summary>A history of events, each with the seconds the clock moves before it is recorded (0: same instant).</summary>
    public static List<(ILedgerEvent Event, int GapSeconds)> History(Random random, int claimCount, int correctionCount)
    {
        var events = new List<(ILedgerEvent, int)>
        {
            (new SourceRegistered("s1", "outlet", "ar", "title", null, Dated(random), null, "نص", SourceText.Sha256Hex("نص")), 0),
        };
        var claims = new List<(string Id, Confidence Confidence)>();
        var occurrences = new List<string>();
        for (var i = 0; i < claimCount + correctionCount; i++)
        {
            // Claims first, then corrections mixed with further claims.
            var isClaim = claims.Count < 2 || (random.Next(3) == 0 && claims.Count < claimCount);
            ILedgerEvent e;
            if (isClaim)
            {
                var id = $"c{claims.Count + 1}";
                var confidence = RandomConfidence(random);
                claims.Add((id, confidence));
                var kind = ClaimKinds.Catalogue[random.Next(ClaimKinds.Catalogue.Count)].Kind;
                e = new ClaimRecorded(id, "s1", kind, $"claim {id}", Modalities[random.Next(Modalities.Length)], Actors(random), null, Dated(random), [], [new Quote(0, 2, "نص")], confidence, Effects(random), null);
            }
            else
            {
                var target = random.Next(claims.Count);
                var (claimId, current) = claims[target];
                switch (random.Next(5))
                {
                    case 0:
                        e = new ClaimRetracted(claimId, "wrong");
                        break;
                    case 1:
                        var revised = RandomConfidence(random);
                        claims[target] = (claimId, revised);
                        e = new ConfidenceRevised(claimId, current, revised, "new evidence");
                        break;
                    case 2:
                        var other = claims[(target + 1 + random.Next(claims.Count - 1)) % claims.Count].Id;
                        e = new ClaimsContradicted(claimId, other, "date", "they disagree");
                        break;
                    case 3:
                        var occurrenceId = $"o{occurrences.Count + 1}";
                        occurrences.Add(occurrenceId);
                        events.Add((new OccurrenceIdentified(occurrenceId, $"occurrence {occurrenceId}"), Gap(random)));
                        e = new ClaimLinked(claimId, occurrenceId, "same meeting");
                        break;
                    default:
                        e = occurrences.Count > 0
                            ? new ClaimLinked(claimId, occurrences[random.Next(occurrences.Count)], "same meeting")
                            : new ClaimsCorroborated(claimId, claims[(target + 1) % claims.Count].Id, "agree");
                        break;
                }
            }
            events.Add((e, Gap(random)));
        }
        return events;
    }

    private static readonly ActorLevel[] Levels = Enum.GetValues<ActorLevel>();

    private static readonly string[] Subjects = ["embassy:AZE@Tehran", "embassy:IRN@Baku", "border:Astara"];

    /// <summary>0–2 actors of any level, so high-level contact (heads of state, ministers) is sometimes there and sometimes not.</summary>
    private static List<Actor> Actors(Random random) =>
        Enumerable.Range(0, random.Next(3))
            .Select(_ => new Actor($"person {random.Next(4)}", "participant", "AZE", random.Next(2) == 0 ? null : "minister", Levels[random.Next(Levels.Length)]))
            .ToList();

    /// <summary>0–2 status effects on a few shared subjects, so later claims overturn earlier statuses.</summary>
    private static List<StatusEffect> Effects(Random random) =>
        Enumerable.Range(0, random.Next(3) == 0 ? random.Next(1, 3) : 0)
            .Select(_ => new StatusEffect(Subjects[random.Next(Subjects.Length)], random.Next(2) == 0 ? "open" : "closed", random.Next(2) == 0))
            .ToList();

    /// <summary>0 seconds a third of the time, so several events often share one recorded instant.</summary>
    private static int Gap(Random random) => random.Next(3) == 0 ? 0 : random.Next(1, 3 * 24 * 3600);

    private static Confidence RandomConfidence(Random random) =>
        new(Reliabilities[random.Next(Reliabilities.Length)], random.Next(1, 7));

    public static DateOnly Day(Random random) => First.AddDays(random.Next(Last.DayNumber - First.DayNumber + 1));

    /// <summary>1–2 candidate intervals in 2015..2025, of a day up to about a year, sometimes none.</summary>
    public static UncertainTime Dated(Random random)
    {
        if (random.Next(8) == 0)
        {
            return UncertainTime.Unknown;
        }
        var candidates = Enumerable.Range(0, random.Next(1, 3)).Select(_ =>
        {
            var from = Day(random);
            var later = from.AddDays(random.Next(3) == 0 ? 0 : random.Next(400));
            var to = later > Last ? Last : later;
            return CandidateInterval.Create(from, to, from == to ? DatePrecision.Day : DatePrecision.Month, ResolutionMethod.Explicit);
        }).ToList();
        return new UncertainTime("phrase", "ar", candidates, []);
    }
}
