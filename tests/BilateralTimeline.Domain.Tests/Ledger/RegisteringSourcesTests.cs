using BilateralTimeline.Domain.Sources;
using static BilateralTimeline.Domain.Tests.Ledger.LedgerSpec;

namespace BilateralTimeline.Domain.Tests.Ledger;

public sealed class RegisteringSourcesTests
{
    [Fact]
    public void Registering_a_new_source_records_it_with_the_sha256_of_its_text()
    {
        var events = Given().When(Register());

        var registered = Assert.IsType<SourceRegistered>(Assert.Single(events));
        Assert.Equal("src-1", registered.SourceId);
        Assert.Equal(Text, registered.Text);
        Assert.Equal(TextSha256, registered.Sha256);
    }

    [Fact]
    public void Registering_the_same_source_again_yields_no_events()
    {
        var events = Given(Registered()).When(Register());

        Assert.Empty(events);
    }

    [Fact]
    public void Registering_different_text_under_an_existing_id_is_refused_on_id()
    {
        var violation = Given(Registered()).Refuses(Register(text: Text + " More follows."));

        Assert.Equal("id", violation.Field);
        Assert.Contains("src-1", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_a_different_title_under_an_existing_id_is_refused_on_id()
    {
        var violation = Given(Registered()).Refuses(Register(title: "Another title"));

        Assert.Equal("id", violation.Field);
    }

    [Fact]
    public void Registering_a_source_without_text_is_refused_on_text()
    {
        var violation = Given().Refuses(Register(text: ""));

        Assert.Equal("text", violation.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    public void Registering_a_source_with_an_unusable_id_is_refused_on_id(string id)
    {
        var violation = Given().Refuses(Register(id: id));

        Assert.Equal("id", violation.Field);
    }
}
