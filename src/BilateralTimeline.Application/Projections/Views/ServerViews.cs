using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.Application.Projections.StateVersions;
using BilateralTimeline.Application.Projections.TimelineVersions;

namespace BilateralTimeline.Application.Projections.Views;

/// <summary>
/// The views of a long-running process (`bt serve`): a large dyad's state from its stored state terms, held decoded
/// between questions and continued with each write's tail (<see cref="HeldStateTerms"/>), and its timeline pages from
/// its stored entry versions, block by block, the segments a page loaded held for the next at the same head (<see cref="HeldTimelines"/>); everything else, and every small dyad, from the index's (<see cref="LedgerIndex"/>)
/// folds. Both stored paths keep the full fold as their oracle (the contract suite's properties).
/// </summary>
public static class ServerViews
{
    public static ILedgerViews Create(IEventStore store, IProjectionStore projections, LedgerIndex index, HeldStateTerms heldTerms, HeldTimelines heldTimelines) =>
        new TimelineVersionViews(
            store,
            projections,
            new StateTermViews(store, projections, index, SnapshotViews.DefaultSmallestDyad, SnapshotViews.DefaultWriteAfter, StateTermViews.DefaultMergeCap, heldTerms),
            SnapshotViews.DefaultSmallestDyad,
            SnapshotViews.DefaultWriteAfter,
            TimelineBlocks.Default,
            heldTimelines);

    /// <summary>The server's "state" projection: a large dyad's rows drawn from the state terms <paramref name="heldTerms"/> keeps (the views' own), not folded.</summary>
    public static StateProjection StateRows(IEventStore store, IProjectionStore projections, LedgerIndex index, HeldStateTerms heldTerms) =>
        StateProjection.DrawingLargeDyadsFrom(new StateTermViews(store, projections, index, SnapshotViews.DefaultSmallestDyad, SnapshotViews.DefaultWriteAfter, StateTermViews.DefaultMergeCap, heldTerms));
}
