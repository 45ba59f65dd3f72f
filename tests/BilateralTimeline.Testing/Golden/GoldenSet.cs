using System.Text.Json;
using System.Text.Json.Nodes;

namespace BilateralTimeline.Testing.Golden;

/// <summary>One bt invocation whose JSON output is kept: the arguments without the store selection.</summary>
public sealed record GoldenQuery(string Name, IReadOnlyList<string> Args);

/// <summary>
/// A folder under tests/golden/: <c>events.jsonl</c> (the log, see <see cref="GoldenLog"/>),
/// <c>queries.json</c> (which bt commands, with fixed --as-of and --known-at), <c>outputs/NAME.json</c>
/// (what each printed when the set was made) and <c>expectations.json</c> (reviewed differences, see
/// <see cref="GoldenExpectations"/>).
/// </summary>
public sealed class GoldenSet(string folder)
{
    public const string WriteVariable = "BT_GOLDEN_WRITE";

    public string Folder { get; } = folder;

    public string Name => Path.GetFileName(Folder);

    public string LogPath => Path.Combine(Folder, "events.jsonl");

    public string QueriesPath => Path.Combine(Folder, "queries.json");

    public string ExpectationsPath => Path.Combine(Folder, "expectations.json");

    public string OutputPath(string query) => Path.Combine(Folder, "outputs", query + ".json");

    /// <summary>tests/golden in the repository the tests were built from.</summary>
    public static string Root => Path.Combine(RepositoryRoot(), "tests", "golden");

    /// <summary>Every set under tests/golden (a folder holding events.jsonl), by name.</summary>
    public static IEnumerable<string> Names() =>
        Directory.Exists(Root)
            ? Directory.GetDirectories(Root).Where(d => File.Exists(Path.Combine(d, "events.jsonl"))).Select(Path.GetFileName).Order(StringComparer.Ordinal)!
            : [];

    public static GoldenSet Named(string name) => new(Path.Combine(Root, name));

    public IReadOnlyList<GoldenQuery> Queries()
    {
        var root = JsonNode.Parse(File.ReadAllText(QueriesPath))!["queries"]!.AsArray();
        return root.Select(q => new GoldenQuery(q!["name"]!.GetValue<string>(), q["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList())).ToList();
    }

    public void WriteQueries(IEnumerable<GoldenQuery> queries, string comment)
    {
        var root = new JsonObject
        {
            ["$comment"] = comment,
            ["queries"] = new JsonArray(queries.Select(q => (JsonNode)new JsonObject
            {
                ["name"] = q.Name,
                ["args"] = new JsonArray(q.Args.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
            }).ToArray()),
        };
        Directory.CreateDirectory(Folder);
        File.WriteAllText(QueriesPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    public JsonNode ExpectedOutput(string query) => JsonNode.Parse(File.ReadAllText(OutputPath(query)))!;

    public void WriteOutput(string query, string stdout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(OutputPath(query))!);
        File.WriteAllText(OutputPath(query), stdout.ReplaceLineEndings("\n"));
    }

    /// <summary>"outputs" rewrites the outputs of every set from its checked-in log; "log" re-imports the samples too. Null: compare only.</summary>
    public static string? WriteMode => Environment.GetEnvironmentVariable(WriteVariable) is { Length: > 0 } mode ? mode : null;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BilateralTimeline.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no BilateralTimeline.sln above {AppContext.BaseDirectory}");
    }
}
