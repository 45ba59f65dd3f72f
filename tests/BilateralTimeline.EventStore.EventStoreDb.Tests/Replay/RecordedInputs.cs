using System.Text.Json.Nodes;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests.Replay;

/// <summary>The inputs the recording client used, read from the vector, so a test sends the same things.</summary>
public static class RecordedInputs
{
    public static EsdbProposedEvent[] ProposedEvents(WireVector vector) =>
        vector.DecodedRequests
            .Where(r => r.ContainsKey("proposed_message"))
            .Select(r => ToProposed(r["proposed_message"]!["value"]!.AsObject(), id => Guid.Parse((string)id["string"]!["value"]!)))
            .ToArray();

    public static JsonObject Field(JsonObject message, string name) => message[name]!["value"]!.AsObject();

    public static EsdbProposedEvent ToProposed(JsonObject message, Func<JsonObject, Guid> id)
    {
        var metadata = Field(message, "metadata");
        return new EsdbProposedEvent(
            id(Field(message, "id")),
            (string)metadata["type"]!,
            Bytes(message, "data"),
            message.ContainsKey("custom_metadata") ? Bytes(message, "custom_metadata") : ReadOnlyMemory<byte>.Empty,
            (string)metadata["content-type"]!);
    }

    public static byte[] Bytes(JsonObject message, string name) => Convert.FromBase64String((string)message[name]!["value"]!["base64"]!);

    public static string StreamName(WireVector vector)
    {
        var request = vector.DecodedRequests[0];
        var options = request.ContainsKey("options") ? Field(request, "options") : throw new InvalidOperationException("no options");
        var identifier = options.ContainsKey("stream_identifier") ? Field(options, "stream_identifier") : Field(Field(options, "stream"), "stream_identifier");
        return (string)identifier["stream_name"]!["value"]!["utf8"]!;
    }
}
