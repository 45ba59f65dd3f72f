using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;
using BilateralTimeline.EventStore.EventStoreDb.Tests.StandIn;
using BilateralTimeline.Testing.Golden;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

/// <summary>
/// The golden logs on EventStoreDB (the stand-in node). EventStoreDB cannot take a history verbatim: it
/// numbers positions itself and bt chains hashes per stream there, so nothing can be imported with the
/// source's positions and hashes. What can be kept is kept: each stream is appended again in log order
/// with the same event ids, types, data and metadata bytes and revisions, and with the same recorded
/// times (the adapter stamps time from its TimeProvider, which the test sets to each event's original
/// time), so every --known-at query means what it meant. The outputs must then be the checked-in ones
/// once EventStoreDB's positions are mapped back to the golden positions through the event ids.
/// </summary>
public sealed partial class GoldenLogOnEventStoreDbTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bt-esdb-golden-").FullName;
    private StandInEventStoreDb _node = null!;

    public static TheoryData<string> Sets => new(GoldenSet.Names());

    public async Task InitializeAsync() => _node = await StandInEventStoreDb.StartAsync();

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task A_golden_log_appended_again_on_eventstoredb_verifies_and_answers_as_it_did(string name)
    {
        var set = GoldenSet.Named(name);
        var golden = GoldenLog.Read(set.LogPath);
        await AppendKeepingRecordedTimesAsync(golden);
        string[] store = ["--store", "eventstoredb", "--connection", _node.ConnectionString];

        var verify = await Bt([.. store, "verify", "--format", "json"]);
        var events = JsonNode.Parse((await Bt([.. store, "events", "--max", "1000000", "--format", "json"])).Stdout)!.AsArray();
        var toGolden = PositionMap(golden, events);
        var problems = await GoldenComparison.CompareAsync(set, "eventstoredb", args => Bt([.. store, .. args]), (_, output) => MapPositions(output, toGolden),
            new Dictionary<string, string> { ["verify"] = "its digest is over EventStoreDB's own positions and per-stream hashes; checked below" });

        Assert.True(verify.ExitCode == 0, verify.ToString());
        var expectedVerify = set.ExpectedOutput("verify");
        var actualVerify = JsonNode.Parse(verify.Stdout)!;
        Assert.Equal(expectedVerify["eventsChecked"]!.GetValue<long>(), actualVerify["eventsChecked"]!.GetValue<long>());
        Assert.True(JsonNode.DeepEquals(expectedVerify["eventTypes"], actualVerify["eventTypes"]), $"event type counts differ:\n{actualVerify["eventTypes"]}");
        Assert.Equal(golden.Select(e => (e.EventId, e.Type, e.Recorded)), events.Select(e => (e!["eventId"]!.GetValue<Guid>(), e["type"]!.GetValue<string>(), e["recorded"]!.GetValue<DateTimeOffset>())));
        Assert.True(problems.Count == 0, GoldenComparison.Explain(set, problems));
    }

    /// <summary>Appends each run of events that share a stream and a recording time as one append, at that time.</summary>
    private async Task AppendKeepingRecordedTimesAsync(IReadOnlyList<RecordedEvent> golden)
    {
        var clock = new ManualClock(golden[0].Recorded);
        await using var target = await EventStoreDbEventStore.OpenAsync(_node.ConnectionString, clock);
        foreach (var run in Runs(golden))
        {
            clock.Set(run[0].Recorded);
            var expected = run[0].StreamRevision == 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(run[0].StreamRevision - 1);
            await target.AppendAsync(run[0].Stream, expected, run.Select(e => new EventData(e.EventId, e.Type, e.Data, e.Metadata)).ToList());
        }
    }

    private static IEnumerable<List<RecordedEvent>> Runs(IReadOnlyList<RecordedEvent> events)
    {
        var run = new List<RecordedEvent>();
        foreach (var e in events)
        {
            if (run.Count > 0 && (e.Stream != run[0].Stream || e.Recorded != run[0].Recorded || run.Count == 500))
            {
                yield return run;
                run = [];
            }
            run.Add(e);
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static Dictionary<long, long> PositionMap(IReadOnlyList<RecordedEvent> golden, JsonArray events)
    {
        var byId = golden.ToDictionary(e => e.EventId, e => e.GlobalPosition);
        return events.ToDictionary(e => e!["position"]!.GetValue<long>(), e => byId[e!["eventId"]!.GetValue<Guid>()]);
    }

    /// <summary>Every number under a property named *position* (and "#N" in text) read as an EventStoreDB position and written as the golden one.</summary>
    private static JsonNode MapPositions(JsonNode node, Dictionary<long, long> toGolden, bool isPosition = false)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is not null)
                    {
                        obj[key] = MapPositions(value.DeepClone(), toGolden, key.Contains("position", StringComparison.OrdinalIgnoreCase));
                    }
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        array[i] = MapPositions(item.DeepClone(), toGolden, isPosition);
                    }
                }
                return array;
            case JsonValue value when isPosition && value.TryGetValue<long>(out var position) && toGolden.TryGetValue(position, out var mapped):
                return JsonValue.Create(mapped);
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(HashPosition().Replace(text, m => toGolden.TryGetValue(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), out var p) ? $"#{p}" : m.Value));
            default:
                return node;
        }
    }

    private Task<BtResult> Bt(params string[] args) => BtChild.RunAsync(BtDll, _folder, args, TimeSpan.FromSeconds(120));

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [GeneratedRegex(@"#(\d+)")]
    private static partial Regex HashPosition();

    private static string BtDll
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(GoldenSet.Root, "..", "..", "src", "BilateralTimeline.Cli", "bin", output.Parent!.Name, output.Name, "bt.dll");
        }
    }
}
