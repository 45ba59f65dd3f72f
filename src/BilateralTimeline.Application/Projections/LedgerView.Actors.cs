using BilateralTimeline.Domain.Actors;

namespace BilateralTimeline.Application.Projections;

public sealed partial record LedgerView
{
    /// <summary>The identified actors with their aliases and merges (the actor events folded), for the projections that key on entities.</summary>
    public ActorRegistry Actors { get; init; } = ActorRegistry.Empty;
}
