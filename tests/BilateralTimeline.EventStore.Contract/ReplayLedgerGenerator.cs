using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// Seeded random ledgers over several dyads with every event type, including what the decider would
/// refuse but an old or imported log may hold (a claim id recorded twice, corrections of unknown
/// claims, a resolution of nothing open), and text that needs JSON escapes, so a replay decoder that
/// takes shortcuts meets the shapes it must give up on.
/// </summary>
public static class ReplayLedgerGenerator
{
    private static readonly string[] Texts =
    [
        "plain text", "وأجرى جيشا البلدين مناورة", "quote \" and back\\slash", "line\nbreak\ttab", "emoji 🙂 and \u0001 control",
        "<html> & 'apostrophe'", "", "Синтетический", "same", "same",
    ];

    private static readonly string[] Kinds = ["visit", "meeting", "statement", "military-cooperation", "accusation", "agreement", "reduce-relations", "praise", "assessment"];

    private static readonly string[] Dyads = [.. new[] { ("AZE", "IRN"), ("ARM", "AZE"), ("GEO", "RUS"), ("IRN", "TUR") }.Select(p => DyadId.Of(p.Item1, p.Item2).StreamName)];

    /// <summary>The events of one ledger, each with the stream it goes to, in append order.</summary>
    public static List<(string Stream, ILedgerEvent Event)> Ledger(int seed, int events)
    {
        var random = new Random(seed);
        var state = Dyads.ToDictionary(d => d, _ => new DyadState());
        var ledger = new List<(string, ILedgerEvent)>();
        while (ledger.Count < events)
        {
            var dyad = Dyads[random.Next(Dyads.Length)];
            var s = state[dyad];
            ledger.Add((dyad, Next(random, s)));
        }
        return ledger;
    }

    private sealed class DyadState
    {
        public List<string> Sources { get; } = [];
        public List<string> Claims { get; } = [];
        public List<string> Occurrences { get; } = [];
        public List<(string, string, string)> Contradictions { get; } = [];
    }

    private static ILedgerEvent Next(Random random, DyadState s)
    {
        if (s.Sources.Count == 0 || random.Next(40) == 0)
        {
            var id = random.Next(10) == 0 && s.Sources.Count > 0 ? Pick(random, s.Sources) : $"src-{s.Sources.Count + 1}";
            s.Sources.Add(id);
            var text = Text(random);
            return new SourceRegistered(id, Text(random), "ar", Text(random), random.Next(2) == 0 ? null : "https://example.org/a?b=1&c=\"2\"", Time(random), random.Next(2) == 0 ? null : new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(random.Next(-5, 6))), text + new string('x', random.Next(0, 3000)), SourceText.Sha256Hex(text));
        }
        if (s.Claims.Count < 2 || random.Next(4) == 0)
        {
            var id = random.Next(30) == 0 && s.Claims.Count > 0 ? Pick(random, s.Claims) : $"c{s.Claims.Count + 1}";
            s.Claims.Add(id);
            return Claim(random, id, Pick(random, s.Sources));
        }
        var claim = random.Next(25) == 0 ? "never-recorded" : Pick(random, s.Claims);
        var other = Pick(random, s.Claims);
        switch (random.Next(14))
        {
            case 0:
                var occurrence = $"o{s.Occurrences.Count + 1}";
                s.Occurrences.Add(occurrence);
                return new OccurrenceIdentified(occurrence, Text(random));
            case 1:
                return new ClaimLinked(claim, s.Occurrences.Count > 0 ? Pick(random, s.Occurrences) : "o-none", Text(random));
            case 2:
                return new ClaimUnlinked(claim, s.Occurrences.Count > 0 ? Pick(random, s.Occurrences) : "o-none", Text(random));
            case 3:
                return new ClaimRetracted(claim, Text(random));
            case 4:
                return new ConfidenceRevised(claim, Confidence(random), Confidence(random), Text(random));
            case 5:
                return new ClaimsCorroborated(claim, other, Text(random));
            case 6:
                var field = random.Next(2) == 0 ? "date" : "place";
                s.Contradictions.Add((claim, other, field));
                return new ClaimsContradicted(claim, other, field, Text(random));
            case 7:
                var (a, b, f) = s.Contradictions.Count > 0 && random.Next(5) > 0 ? Pick(random, s.Contradictions) : (claim, other, "date");
                // Either order of the pair resolves it.
                return random.Next(2) == 0 ? new ContradictionResolved(a, b, f, "first holds", Text(random)) : new ContradictionResolved(b, a, f, "second holds", Text(random));
            case 8:
                return new ClaimSuperseded(claim, other, Text(random));
            case 9:
                return new ClaimRedated(claim, Time(random), Time(random), Text(random));
            case 10:
                return random.Next(4) switch
                {
                    0 => new ActorIdentified($"a{random.Next(3)}", Text(random)),
                    1 => new ActorAliasAdded($"a{random.Next(3)}", Text(random), Text(random)),
                    2 => new ActorsMerged($"a{random.Next(3)}", $"a{random.Next(3)}", Text(random)),
                    _ => new ActorsUnmerged($"a{random.Next(3)}", $"a{random.Next(3)}", Text(random)),
                };
            default:
                return new ClaimLinked(claim, s.Occurrences.Count > 0 ? Pick(random, s.Occurrences) : "o-none", "bench");
        }
    }

    private static ClaimRecorded Claim(Random random, string id, string source) => new(
        id,
        source,
        Pick(random, Kinds),
        $"claim {id}: {Text(random)}",
        Pick(random, Enum.GetValues<Modality>()),
        [.. Enumerable.Range(0, random.Next(4)).Select(_ => new Actor(Text(random), "speaker", random.Next(3) == 0 ? null : "AZE", random.Next(2) == 0 ? null : "Minister", Pick(random, Enum.GetValues<ActorLevel>())))],
        random.Next(3) == 0 ? Text(random) : null,
        Time(random),
        [.. Enumerable.Range(0, random.Next(3)).Select(_ => new AttributionLink(Text(random), Pick(random, Enum.GetValues<AttributionKind>())))],
        [.. Enumerable.Range(0, random.Next(3)).Select(_ => new Quote(random.Next(10), 10 + random.Next(10), Text(random)))],
        Confidence(random),
        [.. Enumerable.Range(0, random.Next(3)).Select(_ => new StatusEffect(Pick(random, ["embassy:AZE@Tehran", "border:Astara"]), random.Next(2) == 0 ? "open" : "closed", random.Next(2) == 0))],
        random.Next(4) == 0 ? Text(random) : null);

    private static Confidence Confidence(Random random) =>
        new(Pick(random, Enum.GetValues<Reliability>()), random.Next(1, 7), random.Next(3) == 0 ? Pick(random, Enum.GetValues<Likelihood>()) : null);

    private static UncertainTime Time(Random random)
    {
        if (random.Next(6) == 0)
        {
            return UncertainTime.Unknown;
        }
        var candidates = Enumerable.Range(0, random.Next(1, 3)).Select(_ =>
        {
            var from = new DateOnly(2015, 1, 1).AddDays(random.Next(4000));
            var interval = new CandidateInterval(from, from.AddDays(random.Next(30)), Pick(random, Enum.GetValues<DatePrecision>()), Pick(random, Enum.GetValues<ResolutionMethod>()), random.Next(3) == 0 ? Text(random) : null, random.Next(3) == 0 ? Text(random) : null);
            return random.Next(4) == 0 ? interval with { At = new DateTimeOffset(from.ToDateTime(new TimeOnly(10, 30)), TimeSpan.FromHours(4)), TimeZone = "Asia/Baku" } : interval;
        }).ToList();
        return new UncertainTime(random.Next(2) == 0 ? null : Text(random), random.Next(2) == 0 ? null : "ar", candidates, [.. Enumerable.Range(0, random.Next(2)).Select(_ => Text(random))]);
    }

    private static string Text(Random random) => Pick(random, Texts);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
