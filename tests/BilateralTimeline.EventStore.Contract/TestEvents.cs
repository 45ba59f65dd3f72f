using System.Text;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>Builds events for the suite.</summary>
public static class TestEvents
{
    public const string Type = "thing-happened/v1";

    /// <summary>
    /// Every event's data carries a marker made from its id, so its bytes occur nowhere else in the
    /// storage: an adapter's <c>TamperWithStoredEventAsync</c> can find them by searching.
    /// </summary>
    public static EventData New(string note = "something happened", EventMetadata? metadata = null, Guid? id = null, string type = Type)
    {
        var eventId = id ?? Guid.NewGuid();
        return new EventData(eventId, type, Data(eventId, note), metadata ?? new EventMetadata("contract-suite"));
    }

    public static EventData[] Many(int count, string note = "one of many") =>
        Enumerable.Range(0, count).Select(i => New($"{note} #{i}")).ToArray();

    /// <summary>The same id with other data: a different event claiming an existing identity.</summary>
    public static EventData WithOtherData(EventData original) =>
        original with { Data = Data(original.EventId, "something else entirely") };

    public static byte[] Data(Guid eventId, string note) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["note"] = note, ["marker"] = $"marker-{eventId:N}" }.ToJsonString());
}
