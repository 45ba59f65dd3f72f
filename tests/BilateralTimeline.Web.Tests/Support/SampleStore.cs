namespace BilateralTimeline.Web.Tests.Support;

/// <summary>
/// A store into which <c>bt import</c> has recorded both sample articles (samples/iran-azerbaijan),
/// made once per test run; each server gets its own copy of the file.
/// </summary>
public static class SampleStore
{
    private static readonly Lazy<Task<string>> Template = new(CreateAsync);

    public static string SamplesFolder => Path.Combine(AppContext.BaseDirectory, "samples");

    /// <summary>Copies the imported store into <paramref name="folder"/> and returns the copy's path.</summary>
    public static async Task<string> CopyInto(string folder)
    {
        var template = await Template.Value;
        var db = Path.Combine(folder, "timeline.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(template + suffix))
            {
                File.Copy(template + suffix, db + suffix, overwrite: true);
            }
        }
        return db;
    }

    private static async Task<string> CreateAsync()
    {
        var folder = Sandbox.NewFolder("template");
        var db = Path.Combine(folder, "timeline.db");
        var files = Directory.GetFiles(SamplesFolder, "*.claims.json").Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 2, $"expected the sample articles in {SamplesFolder}");
        // One import per file, so the log has one recording time per article for the known-at slider.
        foreach (var file in files)
        {
            var import = await BtCli.RunAsync(folder, "--db", db, "import", file);
            Assert.True(import.ExitCode == 0, import.ToString());
        }
        return db;
    }
}
