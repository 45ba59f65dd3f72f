using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Scoring;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// Seeded random commands of every kind over small pools of ids, so that they meet each other: repeats
/// (no-ops), the same id with other content, unknown ids, retracted claims, self-relations, supersede
/// chains and cycles, bad quotes and empty reasons all come up. Folded through the real decider they make
/// ledgers with every event kind; decided against a ledger they are valid or refused.
/// </summary>
public sealed class LedgerCommandGenerator(Random random, int claimPool)
{
    private const string Text = "The ministers met in Baku on Tuesday and agreed to reopen the border crossing at Astara.";

    private static readonly string[] Fields = ["date", "fact", "place"];

    private static readonly string[] Reasons = ["new evidence", "duplicate", "wrong", " "];

    private string Claim() => $"c{random.Next(claimPool)}";

    private string Source() => $"s{random.Next(3)}";

    private string Occurrence() => $"o{random.Next(4)}";

    private string Reason() => Reasons[random.Next(random.Next(12) == 0 ? Reasons.Length : Reasons.Length - 1)];

    // Spellings that clash in light form ("amir-abdollahian"), that only normalise alike ("Amirabdollahian"), and another script.
    private static readonly string[] Spellings = ["Amir-Abdollahian", "amir-abdollahian", "Amirabdollahian", "أمير عبد اللهيان", "Zarif", " "];

    private string Actor() => $"a{random.Next(4)}";

    private string Spelling() => Spellings[random.Next(Spellings.Length)];

    public LedgerCommand Next() => random.Next(24) switch
    {
        0 => new RegisterSourceCommand(Source(), random.Next(6) == 0 ? "other outlet" : "outlet", "en", "title", null, UncertainTime.Unknown, null, random.Next(10) == 0 ? Text + " More." : Text),
        1 => new IdentifyOccurrenceCommand(Occurrence(), random.Next(6) == 0 ? "another title" : "the meeting"),
        2 or 3 or 4 => Record(),
        5 or 19 => new LinkClaimCommand(Claim(), Occurrence(), Reason()),
        6 or 7 => new RetractClaimCommand(Claim(), Reason()),
        8 => new ReviseConfidenceCommand(Claim(), Confidence(), Reason()),
        9 => new MarkCorroborationCommand(Claim(), Claim(), Reason()),
        10 or 11 => new MarkContradictionCommand(Claim(), Claim(), Fields[random.Next(Fields.Length)], Reason()),
        12 or 13 => new ResolveContradictionCommand(Claim(), Claim(), Fields[random.Next(Fields.Length)], "the later report holds", Reason()),
        14 or 15 => new SupersedeClaimCommand(Claim(), Claim(), Reason()),
        16 => new RedateClaimCommand(Claim(), Dated(), Reason()),
        17 or 18 => new UnlinkClaimCommand(Claim(), Reason()),
        20 => new IdentifyActorCommand(Actor(), Spelling()),
        21 => new AddActorAliasCommand(Actor(), Spelling(), Reason()),
        22 => new MergeActorsCommand(Actor(), Actor(), Reason()),
        23 => new UnmergeActorsCommand(Actor(), Reason()),
        _ => Record(),
    };

    /// <summary>Sources, occurrences and most claims of the pools, linked: a ledger's start, so that later commands mostly meet something.</summary>
    public IReadOnlyList<LedgerCommand> Start()
    {
        var commands = new List<LedgerCommand>();
        for (var i = 0; i < 3; i++)
        {
            commands.Add(new RegisterSourceCommand($"s{i}", "outlet", "en", "title", null, UncertainTime.Unknown, null, Text));
        }
        for (var i = 0; i < 4; i++)
        {
            commands.Add(new IdentifyOccurrenceCommand($"o{i}", "the meeting"));
        }
        for (var i = 0; i < claimPool; i++)
        {
            if (random.Next(4) > 0)
            {
                commands.Add(Record($"c{i}"));
                commands.Add(new LinkClaimCommand($"c{i}", Occurrence(), "same meeting"));
            }
        }
        return commands;
    }

    /// <summary>A batch of 1-4 commands, as an import or a correction sends them.</summary>
    public IReadOnlyList<LedgerCommand> Batch() => Enumerable.Range(0, random.Next(4) == 0 ? random.Next(2, 5) : 1).Select(_ => Next()).ToList();

    private RecordClaimCommand Record() => Record(Claim());

    private RecordClaimCommand Record(string id)
    {
        // The same id mostly with the same content (a repeat), sometimes with other content (a clash).
        var variant = random.Next(8) == 0 ? 1 : 0;
        var quote = random.Next(30) == 0 ? new Quote(4, 9, "wrong") : new Quote(4, 13, "ministers");
        var stable = id.Sum(c => c);
        var kind = ClaimKinds.Catalogue[stable % ClaimKinds.Catalogue.Count].Kind;
        var day = new DateOnly(2020, 1, 1).AddDays(stable % 50);
        var occurred = stable % 3 == 0 ? UncertainTime.Unknown : new UncertainTime("on Tuesday", "en", [CandidateInterval.Create(day, day, DatePrecision.Day, ResolutionMethod.Explicit)], []);
        return new RecordClaimCommand(id, $"s{stable % 3}", kind, $"summary of {id} v{variant}", Modality.Asserted,
            [new Actor("minister", "participant", "AZE", null, ActorLevel.Minister)], null, occurred, [], [quote], new Confidence(Reliability.B, 2), [], null);
    }

    private Confidence Confidence() => new((Reliability)random.Next(6), random.Next(1, 7));

    private UncertainTime Dated()
    {
        if (random.Next(4) == 0)
        {
            return UncertainTime.Unknown;
        }
        var from = new DateOnly(2020, 1, 1).AddDays(random.Next(60));
        return new UncertainTime("on Tuesday", "en", [CandidateInterval.Create(from, from, DatePrecision.Day, ResolutionMethod.Explicit)], []);
    }
}
