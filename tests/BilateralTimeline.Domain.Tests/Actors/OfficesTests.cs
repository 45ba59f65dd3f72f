using BilateralTimeline.Domain.Actors.Tenures;
using BilateralTimeline.Domain.Claims;

namespace BilateralTimeline.Domain.Tests.Actors;

public sealed class OfficesTests
{
    [Theory]
    [InlineData("Minister of Defence of Azerbaijan", "AZE", "minister of defence")]
    [InlineData("Chief of the General Staff of the Armed Forces of Iran (Major General)", "IRN", "chief of the general staff")]
    [InlineData("  President   of Iran ", "IRN", "president")]
    [InlineData("Foreign Minister", "AZE", "minister of foreign affairs")]
    [InlineData("Supreme Leader of Iran", "IRN", "supreme leader")]
    [InlineData("Minister of Agriculture", "IRN", "minister of agriculture")]
    public void Titles_are_normalised_to_one_office_per_country(string title, string country, string expected)
    {
        var names = new Dictionary<string, HashSet<string>> { ["IRN"] = ["iran"] };

        var (office, _) = Offices.OfficeOf(Offices.NormaliseTitle(title), country, names);

        Assert.Equal(expected, office);
    }

    [Theory]
    [InlineData("office:IRN-president", "IRN president")]
    [InlineData("office:AZE-defence-minister", "AZE minister of defence")]
    [InlineData("office:RUR-chief-of-general-staff", "RUR chief of the general staff")]
    [InlineData("office:RUR-chief-justice", "RUR chief justice")]
    public void Office_effect_subjects_map_to_office_keys(string subject, string key)
    {
        Assert.Equal(key, Offices.ParseSubject(subject)?.Key);
    }

    [Theory]
    [InlineData("office:IRN-president", "vacated", true)]
    [InlineData("office:IRN-president", "Vacated", true)]
    [InlineData("office:IRN-president", "filled", false)]
    [InlineData("embassy:IRN-in-AZE", "vacated", false)]
    [InlineData("office:IRN", "vacated", false)]
    public void Only_a_vacated_office_ends_a_tenure(string subject, string status, bool ends)
    {
        Assert.Equal(ends, Offices.EndsTenure(new StatusEffect(subject, status, false)));
    }

    [Theory]
    [InlineData("President of Iran", ActorLevel.HeadOfState, "IRN president")]
    [InlineData("Minister of Agriculture of Iran", ActorLevel.Minister, "IRN minister of agriculture")]
    [InlineData("Former President of Iran", ActorLevel.HeadOfState, null)]
    [InlineData("the late president", ActorLevel.HeadOfState, null)]
    [InlineData("President of Iran", ActorLevel.Media, null)]
    [InlineData("  ", ActorLevel.HeadOfState, null)]
    public void An_actor_holds_an_office_when_country_title_and_level_say_so(string title, ActorLevel level, string? key)
    {
        var learned = CountryNames.Learn([new Actor("Ebrahim Raisi", "participant", "irn", "President of Iran", ActorLevel.HeadOfState)]);

        var held = Offices.Held(new Actor("Someone", "participant", "irn", title, level), learned);

        Assert.Equal(key, held?.Key);
    }

    [Fact]
    public void Country_names_are_learned_from_known_offices_only()
    {
        var learned = CountryNames.Learn(
        [
            new Actor("A", "participant", "irn", "Minister of Foreign Affairs of Iran", ActorLevel.Minister),
            new Actor("B", "participant", "aze", "Minister of Agriculture of Azerbaijan", ActorLevel.Minister),
            new Actor("C", "participant", "aze", "President of the Republic of Azerbaijan", ActorLevel.HeadOfState),
            new Actor("D", "participant", null, "President of Ruritania", ActorLevel.HeadOfState),
        ]);

        Assert.Equal(["iran"], Assert.Single(learned).Value);
        Assert.Equal("IRN", Assert.Single(learned).Key);
    }
}
