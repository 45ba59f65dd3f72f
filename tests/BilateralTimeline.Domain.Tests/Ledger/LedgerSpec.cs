using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Domain.Tests.Ledger;

/// <summary>Given events, when a command, then events (or a refusal): the decider's test vocabulary.</summary>
internal static class LedgerSpec
{
    // Offsets in UTF-16 code units: "The embassy was closed on Friday" is [0, 32), "the ministry said" is [34, 51).
    public const string Text = "The embassy was closed on Friday, the ministry said.";

    // sha256 of the UTF-8 bytes of Text, computed outside .NET (sha256sum).
    public const string TextSha256 = "49a122927e22fd5974c9be364dc36c1da0a5fcc06a1614e90224bd42454a7001";

    public static readonly Confidence B2 = new(Reliability.B, 2);

    public static LedgerState Given(params ILedgerEvent[] history) => history.Aggregate(LedgerState.Empty, LedgerState.Evolve);

    public static IReadOnlyList<ILedgerEvent> When(this LedgerState state, LedgerCommand command) => LedgerDecider.Decide(state, command);

    public static DomainRuleViolated Refuses(this LedgerState state, LedgerCommand command) =>
        Assert.Throws<DomainRuleViolated>(() => LedgerDecider.Decide(state, command));

    public static RegisterSourceCommand Register(string id = "src-1", string text = Text, string title = "Embassy closed") =>
        new(id, "Example Agency", "en", title, null, UncertainTime.Unknown, new DateTimeOffset(2023, 1, 28, 9, 0, 0, TimeSpan.Zero), text);

    public static SourceRegistered Registered(string id = "src-1", string text = Text, string title = "Embassy closed") =>
        Assert.IsType<SourceRegistered>(Assert.Single(LedgerState.Empty.When(Register(id, text, title))));

    public static RecordClaimCommand Record(string id = "c-1", string source = "src-1", string kind = "reduce-relations", string summary = "The embassy was closed", params Quote[] quotes) =>
        new(id, source, kind, summary, Modality.Asserted,
            [new Actor("Ministry of Foreign Affairs", "speaker", "AZE", null, ActorLevel.Organisation)],
            "Tehran",
            new UncertainTime("on Friday", "en", [CandidateInterval.Create(new DateOnly(2023, 1, 27), new DateOnly(2023, 1, 27), DatePrecision.Day, ResolutionMethod.RelativeToPublication, "2023-01-28")], []),
            [new AttributionLink("the ministry", AttributionKind.Speaker)],
            quotes.Length == 0 ? [new Quote(0, 32, "The embassy was closed on Friday")] : quotes,
            B2,
            [new StatusEffect("embassy:AZE@Tehran", "closed", true)],
            null);

    public static ClaimRecorded Recorded(string id = "c-1", string summary = "The embassy was closed") =>
        Assert.IsType<ClaimRecorded>(Assert.Single(Given(Registered()).When(Record(id, summary: summary))));
}
