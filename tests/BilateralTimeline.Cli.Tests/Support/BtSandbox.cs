using System.Text.Json;
using System.Text.Json.Nodes;

namespace BilateralTimeline.Cli.Tests.Support;

/// <summary>
/// One test's own folder: its store, its import files, and the working directory and HOME of every
/// <c>bt</c> it runs. Deleted when the test ends.
/// </summary>
public sealed class BtSandbox : IDisposable
{
    public BtSandbox()
    {
        Folder = Path.Combine(Path.GetTempPath(), "bt-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>The store every <see cref="Bt"/> call uses unless the arguments give another --db.</summary>
    public string Db => Path.Combine(Folder, "timeline.db");

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Runs <c>bt --db DB ARGS</c>.</summary>
    public Task<BtResult> Bt(params string[] args) => BtProcess.RunAsync(Folder, ["--db", Db, .. args]);

    /// <summary>Runs <c>bt ARGS</c> exactly as given (no --db added).</summary>
    public Task<BtResult> BtRaw(params string[] args) => BtProcess.RunAsync(Folder, args);

    public string WriteFile(string name, JsonNode document)
    {
        var path = PathOf(name);
        File.WriteAllText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    public string WriteText(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Puts a copy of a prepared store (and its WAL, if any) where <see cref="Db"/> points.</summary>
    public void CopyStoreFrom(string db)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(db + suffix))
            {
                File.Copy(db + suffix, Db + suffix, overwrite: true);
            }
        }
    }

    /// <summary>The log as <c>bt events --format json</c> prints it, checked to be a JSON array.</summary>
    public async Task<JsonArray> Events(string? db = null)
    {
        var run = await BtProcess.RunAsync(Folder, ["--db", db ?? Db, "events", "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return Assert.IsType<JsonArray>(JsonNode.Parse(run.Stdout));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child killed on timeout may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
