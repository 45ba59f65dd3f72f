using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Domain.Actors;

public sealed record IdentifyActor(string ActorId, string Name) : LedgerCommand;

public sealed record AddActorAlias(string ActorId, string Alias, string Reason) : LedgerCommand;

public sealed record MergeActors(string ActorId, string IntoActorId, string Reason) : LedgerCommand;

public sealed record UnmergeActors(string ActorId, string Reason) : LedgerCommand;
