using BilateralTimeline.Domain.Actors;

namespace BilateralTimeline.Domain.Ledger;

public sealed partial record LedgerState
{
    /// <summary>The identified actors, their aliases and merges: what the actor commands are decided against.</summary>
    public ActorRegistry Actors { get; init; } = ActorRegistry.Empty;
}
