using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Ledger;
using static BilateralTimeline.Domain.Tests.Ledger.LedgerSpec;

namespace BilateralTimeline.Domain.Tests.Ledger;

/// <summary>Identify, alias, merge, unmerge: who is one person is decided by events, each refusal naming its field and the fix.</summary>
public sealed class ActorRegistryTests
{
    private static ILedgerEvent[] TwoActors() =>
        [new ActorIdentified("act-aa", "Hossein Amir-Abdollahian"), new ActorIdentified("act-ab", "Abdollahian")];

    [Fact]
    public void Identifying_an_actor_records_it_and_again_with_the_same_name_yields_nothing()
    {
        var events = Given().When(new IdentifyActorCommand("act-aa", "Hossein Amir-Abdollahian"));

        Assert.Equal([new ActorIdentified("act-aa", "Hossein Amir-Abdollahian")], events);
        Assert.Empty(Given(events.ToArray()).When(new IdentifyActorCommand("act-aa", "Hossein Amir-Abdollahian")));
        Assert.Equal("id", Given(events.ToArray()).Refuses(new IdentifyActorCommand("act-aa", "Someone else")).Field);
    }

    [Fact]
    public void An_alias_already_on_another_actor_is_refused_with_the_merge_as_the_fix()
    {
        var history = TwoActors().Append(new ActorAliasAdded("act-aa", "أمير عبد اللهيان", "Arabic")).ToArray();

        var violation = Given(history).Refuses(new AddActorAliasCommand("act-ab", "  أمير   عبد اللهيان ", "same spelling, other spaces"));

        Assert.Equal("alias", violation.Field);
        Assert.Contains("act-aa", violation.Message, StringComparison.Ordinal);
        Assert.Contains("merge them", violation.Message, StringComparison.Ordinal);
        Assert.Equal(Remedy.MergeActors("act-aa", "act-ab"), violation.Remedy);
        Assert.Empty(Given(history).When(new AddActorAliasCommand("act-aa", "أمير عبد اللهيان", "again")));
        Assert.Equal("name", Given(history).Refuses(new IdentifyActorCommand("act-x", "hossein amir-abdollahian")).Field);
    }

    [Fact]
    public void An_alias_or_merge_naming_an_unknown_actor_is_refused()
    {
        Assert.Equal("actor", Given(TwoActors()).Refuses(new AddActorAliasCommand("act-zz", "Zarif", "r")).Field);
        Assert.Equal("into", Given(TwoActors()).Refuses(new MergeActorsCommand("act-aa", "act-zz", "r")).Field);
        Assert.Equal("actor", Given(TwoActors()).Refuses(new UnmergeActorsCommand("act-zz", "r")).Field);
    }

    [Fact]
    public void Merging_an_actor_with_itself_is_refused()
    {
        var violation = Given(TwoActors()).Refuses(new MergeActorsCommand("act-aa", "act-aa", "same"));

        Assert.Equal("into", violation.Field);
        Assert.Contains("itself", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmerging_what_was_not_merged_is_refused_and_a_merge_is_undone_by_an_unmerge()
    {
        Assert.Equal("actor", Given(TwoActors()).Refuses(new UnmergeActorsCommand("act-ab", "never merged")).Field);

        var merged = Given(TwoActors()).When(new MergeActorsCommand("act-ab", "act-aa", "same minister"));
        Assert.Equal([new ActorsMerged("act-ab", "act-aa", "same minister")], merged);
        var history = TwoActors().Concat(merged).ToArray();
        Assert.Empty(Given(history).When(new MergeActorsCommand("act-ab", "act-aa", "again")));
        Assert.Equal("into", Given(history).Refuses(new MergeActorsCommand("act-aa", "act-ab", "a cycle")).Field);

        var unmerged = Given(history).When(new UnmergeActorsCommand("act-ab", "two people after all"));
        Assert.Equal([new ActorsUnmerged("act-ab", "act-aa", "two people after all")], unmerged);
        var state = history.Concat(unmerged).Aggregate(LedgerState.Empty, LedgerState.Evolve);
        Assert.Equal(TwoActors().Aggregate(LedgerState.Empty, LedgerState.Evolve).Actors, state.Actors);
    }
}
