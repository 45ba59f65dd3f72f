using System.Text.Json.Nodes;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests.Replay;

/// <summary>One recorded gRPC call: what the client sent and exactly what the server answered.</summary>
public sealed record WireVector(
    string File,
    string Path,
    IReadOnlyList<JsonObject> DecodedRequests,
    IReadOnlyList<byte[]> Responses,
    IReadOnlyDictionary<string, string> Trailers,
    bool TrailersOnly,
    bool HadDeadline,
    int StatusCode)
{
    public static IReadOnlyList<string> AllFiles() =>
        Directory.GetFiles(Folder, "*.json").Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    private static string Folder => System.IO.Path.Combine(AppContext.BaseDirectory, "Vectors");

    /// <summary>Loads a vector by its number prefix, e.g. "01" or "09g".</summary>
    public static WireVector Load(string number)
    {
        var file = AllFiles().Single(f => f.StartsWith(number + "-", StringComparison.Ordinal));
        var root = JsonNode.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(Folder, file)))!.AsObject();
        var requests = root["requests"]!.AsArray().Select(r => r!["decoded"]!.AsObject()).ToArray();
        var responses = root["responses"]!.AsArray().Select(r => Convert.FromBase64String((string)r!["base64"]!)).ToArray();
        var trailers = (root["trailers"] as JsonObject)?.ToDictionary(p => p.Key, p => (string)p.Value!) ?? [];
        return new WireVector(
            file,
            (string)root["path"]!,
            requests,
            responses,
            trailers,
            (bool)root["trailers_only_response"]!,
            root["request_headers"]!["grpc-timeout"] is not null,
            (int)root["status"]!["code"]!);
    }
}

/// <summary>Names the vector files a test replays; a coverage test checks every file is named somewhere.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ReplaysAttribute(params string[] numbers) : Attribute
{
    public IReadOnlyList<string> Numbers { get; } = numbers;
}
