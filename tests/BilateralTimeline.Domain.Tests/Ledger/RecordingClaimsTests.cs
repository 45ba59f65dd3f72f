using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Occurrences;
using static BilateralTimeline.Domain.Tests.Ledger.LedgerSpec;

namespace BilateralTimeline.Domain.Tests.Ledger;

public sealed class RecordingClaimsTests
{
    [Fact]
    public void A_claim_whose_quotes_match_the_source_at_their_offsets_is_recorded()
    {
        var command = Record(quotes: [new Quote(0, 32, "The embassy was closed on Friday"), new Quote(34, 51, "the ministry said")]);

        var events = Given(Registered()).When(command);

        var recorded = Assert.IsType<ClaimRecorded>(Assert.Single(events));
        Assert.Equal("c-1", recorded.ClaimId);
        Assert.Equal("src-1", recorded.SourceId);
        Assert.Equal("reduce-relations", recorded.Kind);
        Assert.Equal([new Quote(0, 32, "The embassy was closed on Friday"), new Quote(34, 51, "the ministry said")], recorded.Quotes);
        Assert.Equal(B2, recorded.Confidence);
        Assert.Equal([new StatusEffect("embassy:AZE@Tehran", "closed", true)], recorded.Effects);
    }

    [Fact]
    public void A_quote_that_is_not_at_its_offsets_is_refused_naming_the_quote_and_where_the_text_really_is()
    {
        var command = Record(quotes: [new Quote(1, 18, "the ministry said")]);

        var violation = Given(Registered()).Refuses(command);

        Assert.Equal("quotes[0]", violation.Field);
        Assert.Contains("[34, 51)", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_second_quote_is_named_when_only_it_is_wrong()
    {
        var command = Record(quotes: [new Quote(0, 32, "The embassy was closed on Friday"), new Quote(34, 51, "the minister said")]);

        var violation = Given(Registered()).Refuses(command);

        Assert.Equal("quotes[1]", violation.Field);
        Assert.Contains("does not occur", violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(40, 60)]
    [InlineData(10, 10)]
    public void A_quote_with_offsets_outside_the_text_is_refused(int start, int end)
    {
        var command = Record(quotes: [new Quote(start, end, "The embassy was closed on Friday")]);

        var violation = Given(Registered()).Refuses(command);

        Assert.Equal("quotes[0]", violation.Field);
        Assert.Contains("outside", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claim_from_an_unknown_source_is_refused_on_source()
    {
        var violation = Given(Registered()).Refuses(Record(source: "src-unknown"));

        Assert.Equal("source", violation.Field);
        Assert.Contains("src-unknown", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claim_of_an_unknown_kind_is_refused_on_kind()
    {
        var violation = Given(Registered()).Refuses(Record(kind: "embassy-closure"));

        Assert.Equal("kind", violation.Field);
        Assert.Contains("embassy-closure", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claim_without_quotes_is_refused_on_quotes()
    {
        var command = Record() with { Quotes = [] };

        var violation = Given(Registered()).Refuses(command);

        Assert.Equal("quotes", violation.Field);
    }

    [Fact]
    public void Recording_the_same_claim_twice_yields_no_events()
    {
        var events = Given(Registered(), Recorded()).When(Record());

        Assert.Empty(events);
    }

    [Fact]
    public void Recording_different_content_under_an_existing_claim_id_is_refused_on_id()
    {
        var violation = Given(Registered(), Recorded()).Refuses(Record(summary: "The embassy was attacked"));

        Assert.Equal("id", violation.Field);
        Assert.Contains("c-1", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linking_a_claim_to_an_identified_occurrence_records_the_link_once()
    {
        var state = Given(Registered(), Recorded(), new OccurrenceIdentified("occ-1", "Embassy closure"));

        var first = state.When(new LinkClaimCommand("c-1", "occ-1", "same closure"));
        var again = Given(Registered(), Recorded(), new OccurrenceIdentified("occ-1", "Embassy closure"), new ClaimLinked("c-1", "occ-1", "same closure"))
            .When(new LinkClaimCommand("c-1", "occ-1", "same closure"));

        Assert.Equal([new ClaimLinked("c-1", "occ-1", "same closure")], first);
        Assert.Empty(again);
    }

    [Fact]
    public void Linking_a_claim_to_an_unknown_occurrence_is_refused_on_occurrence()
    {
        var violation = Given(Registered(), Recorded()).Refuses(new LinkClaimCommand("c-1", "occ-missing", "same closure"));

        Assert.Equal("occurrence", violation.Field);
        Assert.Contains("occ-missing", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifying_an_occurrence_again_with_another_title_is_refused_on_id()
    {
        var violation = Given(new OccurrenceIdentified("occ-1", "Embassy closure")).Refuses(new IdentifyOccurrenceCommand("occ-1", "Embassy attack"));

        Assert.Equal("id", violation.Field);
    }
}
