using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Verify.CountEventTypes;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Cli.Rendering;

/// <summary>The "what does this store hold" section `bt verify` adds after its chain line.</summary>
internal static class EventTypeCountsRenderer
{
    public static IEnumerable<string> Lines(EventTypeInventory inventory)
    {
        yield return "events by type and version:";
        foreach (var type in inventory.Types)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  {type.Type}: {type.Count}{(type.Readable ? "" : "  (unknown to this build)")}");
        }
        var unknown = inventory.Types.Where(t => !t.Readable).ToList();
        if (unknown.Count > 0)
        {
            var count = unknown.Sum(t => t.Count);
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{count} {(count == 1 ? "event" : "events")} of an unknown type ({string.Join(", ", unknown.Select(t => t.Type))}) skipped by queries; their revisions still count (written by a newer version of bt?)");
        }
    }

    /// <summary>The verification as JSON with the counts added beside its own fields.</summary>
    public static JsonNode WithCounts<T>(T verification, EventTypeInventory? inventory)
    {
        var node = JsonSerializer.SerializeToNode(verification, LedgerJson.Options)!;
        if (inventory is not null && node is JsonObject json)
        {
            json["eventTypes"] = JsonSerializer.SerializeToNode(inventory.Types, LedgerJson.Options);
            json["unreadableEvents"] = inventory.Unreadable;
        }
        return node;
    }
}
