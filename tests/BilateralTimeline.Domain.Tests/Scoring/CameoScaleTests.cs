using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Scoring;
using static BilateralTimeline.Domain.Tests.Ledger.LedgerSpec;

namespace BilateralTimeline.Domain.Tests.Scoring;

public sealed class CameoScaleTests
{
    /// <summary>
    /// The weights of the published CAMEO → Goldstein table (GDELT 1.0's CAMEO.goldsteinscale.txt) for the
    /// codes our kinds default to, written out here by hand from that table so that the catalogue is checked
    /// against the table and not against itself. Praise (051) and threat (130) once carried 3.5 and −6.0.
    /// </summary>
    public static TheoryData<string, double> Published => new()
    {
        { "010", 0.0 }, { "020", 3.0 }, { "030", 4.0 }, { "040", 1.0 }, { "042", 1.9 }, { "043", 2.8 },
        { "051", 3.4 }, { "054", 6.0 }, { "057", 8.0 }, { "061", 6.4 }, { "062", 7.4 }, { "070", 7.0 },
        { "111", -2.0 }, { "112", -2.0 }, { "120", -4.0 }, { "130", -4.4 }, { "140", -6.5 }, { "150", -7.2 },
        { "160", -4.0 }, { "170", -7.0 }, { "180", -9.0 }, { "182", -9.5 }, { "1823", -10.0 }, { "190", -10.0 },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void Every_kind_carries_the_weight_the_published_table_gives_its_code(string code, double weight)
    {
        var kinds = ClaimKinds.Catalogue.Where(k => k.Cameo == code).ToList();

        Assert.NotEmpty(kinds);
        Assert.All(kinds, k => Assert.Equal(weight, k.Goldstein));
    }

    [Fact]
    public void Every_scoring_kind_is_in_the_checked_list_so_none_escapes_the_table_check()
    {
        var checkedCodes = Published.Select(row => (string)row[0]).ToHashSet();

        Assert.All(ClaimKinds.Catalogue.Where(k => !k.IsContext), k => Assert.Contains(k.Cameo, checkedCodes));
    }

    [Fact]
    public void Hosting_restoring_and_killing_can_be_said()
    {
        Assert.Equal(("043", "CONSULT", true), (ClaimKinds.Get("host-visit").Cameo, ClaimKinds.Get("host-visit").Plover, ClaimKinds.Get("host-visit").Contact));
        Assert.Equal(("054", 6.0), (ClaimKinds.Get("restore-relations").Cameo, ClaimKinds.Get("restore-relations").Goldstein));
        Assert.Equal(("1823", -10.0, "ASSAULT"), (ClaimKinds.Get("kill").Cameo, ClaimKinds.Get("kill").Goldstein, ClaimKinds.Get("kill").Plover));
        Assert.Equal(("182", -9.5), (ClaimKinds.Get("physical-assault").Cameo, ClaimKinds.Get("physical-assault").Goldstein));
    }

    [Theory]
    [InlineData("assault", "1823", -10.0)]
    [InlineData("assault", "18", -9.0)]
    [InlineData("visit", "043", 2.8)]
    [InlineData("reduce-relations", "163", -8.0)]
    [InlineData("meeting", null, 1.0)]
    public void A_claim_naming_a_code_under_its_kinds_root_is_weighed_by_that_code(string kind, string? cameo, double weight) =>
        Assert.Equal(weight, ClaimKinds.Goldstein(kind, cameo));

    [Theory]
    [InlineData("visit", "1823")]
    [InlineData("assault", "9999")]
    [InlineData("media-coverage", "010")]
    public void A_code_outside_the_kinds_root_or_on_a_context_kind_is_refused_when_recording(string kind, string cameo)
    {
        var state = Given(Registered());

        var violation = state.Refuses(Record(kind: kind) with { Cameo = cameo });

        Assert.Equal("cameo", violation.Field);
        Assert.Equal(ClaimKinds.CodeProblem(kind, cameo), violation.Message);
    }

    [Fact]
    public void A_recorded_claim_keeps_its_own_code_and_an_unchanged_repeat_is_idempotent()
    {
        var command = Record(kind: "assault") with { Cameo = "1823" };

        var recorded = Assert.IsType<Domain.Claims.ClaimRecorded>(Assert.Single(Given(Registered()).When(command)));

        Assert.Equal("1823", recorded.Cameo);
        Assert.Empty(Given(Registered(), recorded).When(command));
        Assert.Equal("id", Given(Registered(), recorded).Refuses(command with { Cameo = "182" }).Field);
    }

    [Fact]
    public void A_contradiction_field_off_the_closed_list_is_refused_naming_exactly_the_list()
    {
        var state = Given(Registered(), Recorded("c-1"), Recorded("c-2"));

        var violation = state.Refuses(new MarkContradictionCommand("c-1", "c-2", "year", "2022 or 2024"));

        Assert.Equal("field", violation.Field);
        Assert.Contains("date, time, place, actor, count, fact, motive, casualty, attribution", violation.Message, StringComparison.Ordinal);
        Assert.Equal(
            [new ClaimsContradicted("c-1", "c-2", "date", "2022 or 2024", "the year")],
            state.When(new MarkContradictionCommand("c-1", "c-2", "date", "2022 or 2024", "the year")));
    }

    [Theory]
    [InlineData("date", null, "date", null)]
    [InlineData("year", null, "date", "year")]
    [InlineData("Deaths", null, "casualty", "Deaths")]
    [InlineData("date of the visit", null, "date", "date of the visit")]
    [InlineData("occurred", null, "fact", "occurred")]
    [InlineData("motive", "terror or not", "motive", "terror or not")]
    [InlineData("why", "terror or not", "motive", "why: terror or not")]
    public void Free_text_of_an_older_contradiction_reads_onto_the_closed_list_keeping_its_words(string recorded, string? detail, string field, string? readDetail) =>
        Assert.Equal((field, readDetail), ContradictionFields.Read(recorded, detail));
}
