using System.Collections.Immutable;

namespace BilateralTimeline.Domain.Actors;

/// <summary>An identified entity: its shown name, the aliases added to it, and the entity it was merged into (null: none).</summary>
public sealed record ActorEntity(string ActorId, string Name, ImmutableList<string> Aliases, string? MergedInto)
{
    /// <summary>The name and every alias, in the order they were given.</summary>
    public IEnumerable<string> Spellings => Aliases.Prepend(Name);

    public bool Equals(ActorEntity? other) =>
        other is not null && ActorId == other.ActorId && Name == other.Name && MergedInto == other.MergedInto && Aliases.SequenceEqual(other.Aliases);

    public override int GetHashCode() => HashCode.Combine(ActorId, Name, MergedInto, Aliases.Count);
}

/// <summary>
/// The actors a dyad's ledger identified, folded from the actor events. Explicit spellings are compared
/// in their <see cref="Light"/> form only (case and spacing): deciding which spellings are "the same" beyond
/// that is the projections' normalisation, which these explicit events override.
/// </summary>
public sealed record ActorRegistry(ImmutableSortedDictionary<string, ActorEntity> Actors)
{
    public static readonly ActorRegistry Empty = new(ImmutableSortedDictionary<string, ActorEntity>.Empty.WithComparers(StringComparer.Ordinal));

    public bool Equals(ActorRegistry? other) => other is not null && Actors.Count == other.Actors.Count && Actors.All(a => other.Actors.TryGetValue(a.Key, out var b) && a.Value == b);

    public override int GetHashCode() => Actors.Count;

    public bool IsEmpty => Actors.IsEmpty;

    public ActorRegistry Evolve(ILedgerEvent @event) => @event switch
    {
        ActorIdentified e => new(Actors.SetItem(e.ActorId, new ActorEntity(e.ActorId, e.Name, [], null))),
        ActorAliasAdded e when Actors.TryGetValue(e.ActorId, out var a) && !a.Aliases.Contains(e.Alias) => new(Actors.SetItem(e.ActorId, a with { Aliases = a.Aliases.Add(e.Alias) })),
        ActorsMerged e when Actors.TryGetValue(e.ActorId, out var a) => new(Actors.SetItem(e.ActorId, a with { MergedInto = e.IntoActorId })),
        ActorsUnmerged e when Actors.TryGetValue(e.ActorId, out var a) => new(Actors.SetItem(e.ActorId, a with { MergedInto = null })),
        _ => this,
    };

    /// <summary>The actor that explicitly holds this spelling (its name or an alias), before following merges; null: none.</summary>
    public string? HolderOf(string spelling)
    {
        var light = Light(spelling);
        foreach (var actor in Actors.Values)
        {
            if (actor.Spellings.Any(s => Light(s) == light))
            {
                return actor.ActorId;
            }
        }
        return null;
    }

    /// <summary>The entity an actor counts as: itself, or the end of its chain of merges.</summary>
    public string Root(string actorId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = actorId;
        while (Actors.TryGetValue(current, out var actor) && actor.MergedInto is { } into && seen.Add(current))
        {
            current = into;
        }
        return current;
    }

    /// <summary>The actors merged (directly or through others) into <paramref name="rootId"/>, itself first.</summary>
    public IEnumerable<ActorEntity> Members(string rootId) =>
        Actors.Values.Where(a => Root(a.ActorId) == rootId).OrderBy(a => a.ActorId == rootId ? 0 : 1).ThenBy(a => a.ActorId, StringComparer.Ordinal);

    /// <summary>Trimmed, single-spaced, lower case: how explicit spellings are compared.</summary>
    public static string Light(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
