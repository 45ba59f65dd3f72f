using System.Collections.Concurrent;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain;

namespace BilateralTimeline.Application.Ledger;

/// <summary>
/// The stored form of decided events: their bytes, type and deterministic ids (which derive from the
/// decision and the revision it was made at, so re-sending after a lost reply lands on the store's
/// idempotent append instead of writing twice).
/// </summary>
internal static class LedgerEventData
{
    /// <summary>
    /// A batch this large is serialised and hashed on every core: an import file's ten thousand events
    /// took as long as their SQL inserts, on one core while the other waited. Each event's bytes and id
    /// depend on that event alone, so the result is the same either way.
    /// </summary>
    public const int InParallelFrom = 2_000;

    public static EventData[] For(string stream, long revision, IReadOnlyList<ILedgerEvent> events, EventMetadata metadata, Func<ILedgerEvent, System.Text.Json.Nodes.JsonObject?>? extra, int inParallelFrom = InParallelFrom)
    {
        var data = new EventData[events.Count];
        if (events.Count >= inParallelFrom)
        {
            Parallel.ForEach(Partitioner.Create(0, events.Count, 1_000), range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    data[i] = Unstamped(stream, revision, i, events[i], metadata);
                }
            });
        }
        else
        {
            for (var i = 0; i < events.Count; i++)
            {
                data[i] = Unstamped(stream, revision, i, events[i], metadata);
            }
        }
        // The caller's extra metadata is asked for one event at a time, in order, as before.
        if (extra is not null)
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (extra(events[i]) is { } more)
                {
                    data[i] = data[i] with { Metadata = metadata with { Extra = more } };
                }
            }
        }
        return data;
    }

    private static EventData Unstamped(string stream, long revision, int index, ILedgerEvent e, EventMetadata metadata)
    {
        var bytes = EventSerializer.Serialize(e);
        var type = EventTypes.NameOf(e);
        var id = DeterministicEventId.ForDecided(stream, type, revision, index, bytes);
        return new EventData(id, type, bytes, metadata);
    }
}
