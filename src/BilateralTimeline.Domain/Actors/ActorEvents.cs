namespace BilateralTimeline.Domain.Actors;

/// <summary>A person (or body) is taken to be one entity, under an id and the name it is shown by.</summary>
[EventType("actor-identified/v1")]
public sealed record ActorIdentified(string ActorId, string Name) : ILedgerEvent;

/// <summary>Another spelling (a transliteration, the Arabic script, a hyphenation) names the same entity.</summary>
[EventType("actor-alias-added/v1")]
public sealed record ActorAliasAdded(string ActorId, string Alias, string Reason) : ILedgerEvent;

/// <summary>Two entities are taken to be one person: every name of the first counts as the second. Undone by <see cref="ActorsUnmerged"/>.</summary>
[EventType("actors-merged/v1")]
public sealed record ActorsMerged(string ActorId, string IntoActorId, string Reason) : ILedgerEvent;

/// <summary>A merge is undone: the entity stands on its own again with the names it had.</summary>
[EventType("actors-unmerged/v1")]
public sealed record ActorsUnmerged(string ActorId, string FromActorId, string Reason) : ILedgerEvent;
