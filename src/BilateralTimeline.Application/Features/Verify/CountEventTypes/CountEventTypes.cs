using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization.Upcasting;
using MediatR;

namespace BilateralTimeline.Application.Features.Verify.CountEventTypes;

/// <summary>
/// How many events the store holds per stored wire name and version ("claim-recorded/v1"), and which of
/// them this build cannot read: what an operator checks before upgrading or opening a store with an
/// older build.
/// </summary>
public sealed record CountEventTypes : IRequest<EventTypeInventory>, Ledger.IWalksTheWholeChain;

/// <param name="Type">The wire name and version as stored.</param>
/// <param name="Count">Events of that type in the whole log.</param>
/// <param name="Readable">False for a type this build does not know (a newer version's): queries skip those events, while their revisions still count.</param>
public sealed record EventTypeCount(string Type, long Count, bool Readable);

public sealed record EventTypeInventory(IReadOnlyList<EventTypeCount> Types)
{
    public long Unreadable => Types.Where(t => !t.Readable).Sum(t => t.Count);
}

public sealed class CountEventTypesHandler(IEventStore store) : IRequestHandler<CountEventTypes, EventTypeInventory>
{
    public async Task<EventTypeInventory> Handle(CountEventTypes request, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var e in store.ReadAllAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            counts[e.Type] = counts.GetValueOrDefault(e.Type) + 1;
        }
        return new EventTypeInventory(counts
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new EventTypeCount(c.Key, c.Value, EventUpcasters.Default.CanRead(c.Key)))
            .ToList());
    }
}
