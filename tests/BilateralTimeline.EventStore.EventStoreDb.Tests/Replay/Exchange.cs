using System.Text.Json.Nodes;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests.Replay;

/// <summary>
/// One call the replay server expects, and how it answers: the recorded responses, trailers and
/// status by default. Every deviation from the recording is spelled out by the test that asks for it.
/// </summary>
public sealed class Exchange
{
    private readonly HashSet<string> _ignored = new(StringComparer.Ordinal);

    private Exchange(WireVector vector) => Vector = vector;

    public WireVector Vector { get; }

    public IReadOnlySet<string> Ignored => _ignored;

    /// <summary>Edits applied to a copy of the recorded request before comparing, for calls the recording did not make verbatim.</summary>
    public Action<JsonObject>? ExpectedEdit { get; private set; }

    /// <summary>Send only this many responses, then reset the HTTP/2 stream (a dropped connection) once <see cref="AbortGate"/> completes.</summary>
    public int? AbortAfter { get; private set; }

    /// <summary>
    /// The test completes this once it has consumed what was sent: a reset stream makes the client drop
    /// data it has received but not yet read, as a real dropped connection may.
    /// </summary>
    public Task? AbortGate { get; private set; }

    /// <summary>A catch-up subscription: it has no deadline, because it lives until cancelled.</summary>
    public bool IsSubscription => Vector.DecodedRequests.Count == 1
        && Vector.DecodedRequests[0]["options"]?["value"] is System.Text.Json.Nodes.JsonObject options
        && options.ContainsKey("subscription");

    /// <summary>Responses from this index on wait for <see cref="LiveGate"/> (events that arrive live).</summary>
    public int? LiveFrom { get; private set; }

    public Task? LiveGate { get; private set; }

    /// <summary>After the last response, keep the call open until the client cancels (a subscription).</summary>
    public bool HoldOpen { get; private set; }

    /// <summary>The request messages our client sent in this call, as received.</summary>
    public List<byte[]> Sent { get; } = [];

    /// <summary>Completes when the server has answered this call completely.</summary>
    public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static Exchange Of(string number) => new(WireVector.Load(number));

    public Exchange Ignoring(params string[] paths)
    {
        _ignored.UnionWith(paths);
        return this;
    }

    public Exchange ExpectingInstead(Action<JsonObject> edit)
    {
        ExpectedEdit = edit;
        return this;
    }

    public Exchange AbortingAfter(int responses, Task gate)
    {
        AbortAfter = responses;
        AbortGate = gate;
        return this;
    }

    public Exchange SendingLive(int fromIndex, Task gate)
    {
        LiveFrom = fromIndex;
        LiveGate = gate;
        return this;
    }

    /// <summary>An edit of the recorded response messages before they are sent (e.g. to point gossip at a port of this test's).</summary>
    public Func<byte[], byte[]>? ResponseEdit { get; private set; }

    public Exchange AnsweringInstead(Func<byte[], byte[]> edit)
    {
        ResponseEdit = edit;
        return this;
    }

    public Exchange HoldingOpen()
    {
        HoldOpen = true;
        return this;
    }

    public IReadOnlyList<JsonObject> ExpectedRequests()
    {
        if (ExpectedEdit is null)
        {
            return Vector.DecodedRequests;
        }
        var copies = Vector.DecodedRequests.Select(r => r.DeepClone().AsObject()).ToArray();
        ExpectedEdit(copies[0]);
        return copies;
    }
}

/// <summary>Field paths (field numbers) of values that legitimately differ from the recording.</summary>
public static class Varying
{
    /// <summary>AppendReq.proposed_message.id: every append has new event ids.</summary>
    public const string ProposedMessageId = "2.1";

    /// <summary>AppendReq.proposed_message.custom_metadata: bt's metadata holds the recorded time and the chain hash.</summary>
    public const string ProposedMessageCustomMetadata = "2.3";
}

/// <summary>Edits of a recorded ReadReq (JSON as in the vectors) for reads the recording did not make verbatim.</summary>
public static class ReadEdits
{
    public static JsonObject Options(JsonObject request) => request["options"]!["value"]!.AsObject();

    public static void Count(JsonObject request, ulong count) => Options(request)["count"]!["value"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static void Backwards(JsonObject request) =>
        Options(request)["read_direction"] = new JsonObject
        {
            ["field"] = 3,
            ["type"] = "event_store.client.streams.ReadReq.Options.ReadDirection",
            ["value"] = new JsonObject { ["number"] = 1, ["name"] = "Backwards" },
        };

    /// <summary>stream_options.revision_option: "end" instead of what was recorded.</summary>
    public static void FromStreamEnd(JsonObject request) =>
        Replace(Options(request)["stream"]!["value"]!.AsObject(), "start", "end", new JsonObject { ["field"] = 4, ["type"] = "event_store.client.Empty", ["oneof"] = "revision_option", ["value"] = new JsonObject() });

    /// <summary>all_option: a position instead of "start".</summary>
    public static void FromAllPosition(JsonObject request, ulong position)
    {
        var all = Options(request)["all"]!["value"]!.AsObject();
        Replace(all, "start", "position", new JsonObject
        {
            ["field"] = 1,
            ["type"] = "event_store.client.streams.ReadReq.Options.Position",
            ["oneof"] = "all_option",
            ["value"] = new JsonObject
            {
                ["commit_position"] = Uint64(1, position),
                ["prepare_position"] = Uint64(2, position),
            },
        });
    }

    private static JsonObject Uint64(int field, ulong value) => new() { ["field"] = field, ["type"] = "uint64", ["value"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static void Replace(JsonObject parent, string old, string name, JsonObject node)
    {
        Assert.True(parent.Remove(old), $"the recorded request has no '{old}' to replace");
        parent[name] = node;
    }
}
