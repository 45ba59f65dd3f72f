using BilateralTimeline.Domain.Actors;

namespace BilateralTimeline.Domain.Ledger;

/// <summary>
/// Actor registry decisions. Like occurrence links, a merge is an event and is undone by another, so a
/// wrong "these are one person" costs one correction, and the log keeps both.
/// </summary>
public static partial class LedgerDecider
{
    private static IReadOnlyList<ILedgerEvent> IdentifyActor(LedgerState state, IdentifyActorCommand c)
    {
        RequireId(c.ActorId, "id");
        var identified = new ActorIdentified(c.ActorId, RequireText(c.Name, "name", "give the name the actor is shown by"));
        if (state.Actors.Actors.TryGetValue(c.ActorId, out var existing))
        {
            return existing.Name == c.Name
                ? []
                : throw new DomainRuleViolated("id", $"actor '{c.ActorId}' already exists named '{existing.Name}'; use another id, or add '{c.Name}' as its alias", Remedy.AddAlias(c.ActorId, c.Name));
        }
        if (state.Actors.HolderOf(c.Name) is { } holder)
        {
            throw new DomainRuleViolated("name", $"'{c.Name}' is already a name of actor '{holder}'; use that actor, or merge the two", Remedy.MergeActors());
        }
        return [identified];
    }

    private static IReadOnlyList<ILedgerEvent> AddAlias(LedgerState state, AddActorAliasCommand c)
    {
        RequireActor(state, c.ActorId, "actor");
        RequireText(c.Alias, "alias", "give the other spelling of the name");
        var holder = state.Actors.HolderOf(c.Alias);
        if (holder == c.ActorId)
        {
            return [];
        }
        if (holder is not null)
        {
            throw new DomainRuleViolated("alias", $"'{c.Alias}' is already a name of actor '{holder}'; if they are one person, merge them", Remedy.MergeActors(holder, c.ActorId));
        }
        return [new ActorAliasAdded(c.ActorId, c.Alias, RequireReason(c.Reason))];
    }

    private static IReadOnlyList<ILedgerEvent> Merge(LedgerState state, MergeActorsCommand c)
    {
        RequireActor(state, c.ActorId, "actor");
        RequireActor(state, c.IntoActorId, "into");
        if (c.ActorId == c.IntoActorId)
        {
            throw new DomainRuleViolated("into", $"an actor cannot be merged with itself ('{c.ActorId}'); name the other actor it is the same person as");
        }
        var merged = state.Actors.Actors[c.ActorId].MergedInto;
        if (merged == c.IntoActorId)
        {
            return [];
        }
        if (merged is not null)
        {
            throw new DomainRuleViolated("actor", $"actor '{c.ActorId}' is already merged into '{merged}'; unmerge it first or merge '{merged}' instead", Remedy.UnmergeActor(c.ActorId));
        }
        if (state.Actors.Root(c.IntoActorId) == c.ActorId)
        {
            throw new DomainRuleViolated("into", $"'{c.IntoActorId}' is already merged (through its merges) into '{c.ActorId}': that would be a cycle");
        }
        return [new ActorsMerged(c.ActorId, c.IntoActorId, RequireReason(c.Reason))];
    }

    private static IReadOnlyList<ILedgerEvent> Unmerge(LedgerState state, UnmergeActorsCommand c)
    {
        RequireActor(state, c.ActorId, "actor");
        if (state.Actors.Actors[c.ActorId].MergedInto is not { } into)
        {
            throw new DomainRuleViolated("actor", $"actor '{c.ActorId}' was not merged into another actor; there is nothing to unmerge", Remedy.ListActors);
        }
        return [new ActorsUnmerged(c.ActorId, into, RequireReason(c.Reason))];
    }

    private static void RequireActor(LedgerState state, string actorId, string field)
    {
        if (!state.Actors.Actors.ContainsKey(actorId ?? ""))
        {
            throw new DomainRuleViolated(field, $"unknown actor '{IdRule.Printable(actorId ?? "")}'; identify it first (an id and the name it is shown by)", Remedy.IdentifyActor);
        }
    }
}
