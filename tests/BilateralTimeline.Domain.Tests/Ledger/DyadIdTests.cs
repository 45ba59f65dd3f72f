using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Domain.Tests.Ledger;

public sealed class DyadIdTests
{
    [Fact]
    public void A_dyad_is_the_same_in_either_order_and_any_case()
    {
        var a = DyadId.Of("IRN", "AZE");
        var b = DyadId.Of("aze", " irn ");

        Assert.Equal(a, b);
        Assert.Equal("AZE", a.First);
        Assert.Equal("IRN", a.Second);
        Assert.Equal(a, DyadId.Parse("irn-AZE"));
    }

    [Fact]
    public void A_dyad_names_its_stream_in_sorted_order()
    {
        var dyad = DyadId.Parse("IRN-AZE");

        Assert.Equal("dyad-azeirn", dyad.StreamName);
        Assert.Equal("AZE-IRN", dyad.ToString());
        Assert.True(DyadId.TryFromStreamName(dyad.StreamName, out var back));
        Assert.Equal(dyad, back);
    }

    [Theory]
    [InlineData("stream-azeirn")]
    [InlineData("dyad-aze")]
    [InlineData("dyad-aze123")]
    [InlineData("dyad-azeaze")]
    public void Other_streams_and_malformed_dyad_streams_are_not_dyads(string stream)
    {
        Assert.False(DyadId.TryFromStreamName(stream, out var dyad));
        Assert.Null(dyad);
    }

    [Theory]
    [InlineData("IR", "AZE")]
    [InlineData("IRAN", "AZE")]
    [InlineData("IR1", "AZE")]
    [InlineData("IRN", "")]
    public void Codes_that_are_not_three_letters_are_refused(string a, string b)
    {
        Assert.Throws<DomainRuleViolated>(() => DyadId.Of(a, b));
    }

    [Fact]
    public void A_country_paired_with_itself_is_refused_on_dyad()
    {
        var violation = Assert.Throws<DomainRuleViolated>(() => DyadId.Of("IRN", "irn"));

        Assert.Equal("dyad", violation.Field);
    }

    [Theory]
    [InlineData("AZE")]
    [InlineData("AZE-IRN-TUR")]
    public void Text_that_is_not_two_codes_is_refused_on_dyad(string text)
    {
        var violation = Assert.Throws<DomainRuleViolated>(() => DyadId.Parse(text));

        Assert.Equal("dyad", violation.Field);
    }
}
