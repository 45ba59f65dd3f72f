using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Domain.Actors;

public sealed record IdentifyActorCommand(string ActorId, string Name) : LedgerCommand;

public sealed record AddActorAliasCommand(string ActorId, string Alias, string Reason) : LedgerCommand;

public sealed record MergeActorsCommand(string ActorId, string IntoActorId, string Reason) : LedgerCommand;

public sealed record UnmergeActorsCommand(string ActorId, string Reason) : LedgerCommand;
