using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BilateralTimeline.Cli.Tests.Support;

/// <summary>
/// A store into which <c>bt import</c> has recorded <see cref="Fixture.Document"/> (prefix "a"), made
/// once per test run; tests copy the file instead of paying for the import again.
/// </summary>
public sealed partial class ImportedStore
{
    private static readonly Lazy<Task<ImportedStore>> Shared = new(CreateAsync);

    private ImportedStore(string db, string importFile, int eventsAppended, JsonArray events)
    {
        Db = db;
        ImportFile = importFile;
        EventsAppended = eventsAppended;
        Events = events;
    }

    public string Db { get; }

    public string ImportFile { get; }

    public int EventsAppended { get; }

    /// <summary>The log as <c>bt events --format json</c> printed it right after the import.</summary>
    public JsonArray Events { get; }

    public static Task<ImportedStore> GetAsync() => Shared.Value;

    /// <summary>A sandbox whose store is a fresh copy of this one.</summary>
    public static async Task<BtSandbox> CopyIntoNewSandboxAsync()
    {
        var store = await GetAsync();
        var sandbox = new BtSandbox();
        sandbox.CopyStoreFrom(store.Db);
        return sandbox;
    }

    /// <summary>Parses "N events appended" from an import's summary on stderr.</summary>
    public static int AppendedCount(BtResult import)
    {
        var match = AppendedPattern().Match(import.Stderr);
        Assert.True(match.Success, $"no 'N events appended' summary on stderr:\n{import}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<ImportedStore> CreateAsync()
    {
        var sandbox = new BtSandbox();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => sandbox.Dispose();
        var file = sandbox.WriteFile("a.claims.json", Fixture.Document("a"));
        var import = await sandbox.Bt("import", file);
        Assert.True(import.ExitCode == 0, import.ToString());
        return new ImportedStore(sandbox.Db, file, AppendedCount(import), await sandbox.Events());
    }

    [GeneratedRegex(@"(\d+) events appended")]
    private static partial Regex AppendedPattern();
}
