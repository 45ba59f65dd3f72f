using System.Diagnostics;
using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests.Hostile;

/// <summary>
/// An import's textFile may name only a regular file in the import file's folder or below it. The
/// import file sits four folders deep (in/a/b/c) and a "secret" file sits at etc/passwd above them,
/// so "../../../../etc/passwd" reaches it exactly as it would reach the real one.
/// </summary>
public sealed class TextFileTests
{
    private const string Field = "sources[0].textFile";
    private const string SecretLine = "TOPSECRET-7f3a:";

    [Fact]
    public async Task A_text_file_climbing_out_of_the_folder_is_refused_and_nothing_is_stored()
    {
        using var bt = await HostileFolder.CreateAsync();

        var run = await Refusals.RefusedAsync(bt.Sandbox, Field, "import", bt.WriteImport(SourcesOnly("../../../../etc/passwd")));

        Assert.Contains("'../../../../etc/passwd' is outside the import file's folder", run.Stderr);
        Assert.Contains("copy the article there", run.Stderr);
        Refusals.AssertNothingOf(SecretLine, run);
    }

    [Fact]
    public async Task An_absolute_text_file_path_outside_the_folder_is_refused()
    {
        using var bt = await HostileFolder.CreateAsync();

        var run = await Refusals.RefusedAsync(bt.Sandbox, Field, "import", bt.WriteImport(SourcesOnly(bt.Secret)));

        Assert.Contains("is outside the import file's folder", run.Stderr);
        Refusals.AssertNothingOf(SecretLine, run);
    }

    [Fact]
    public async Task A_symbolic_link_in_the_folder_pointing_outside_is_refused()
    {
        using var bt = await HostileFolder.CreateAsync();
        File.CreateSymbolicLink(Path.Combine(bt.ImportFolder, "article.txt"), "../../../../etc/passwd");

        var run = await Refusals.RefusedAsync(bt.Sandbox, Field, "import", bt.WriteImport(SourcesOnly("article.txt")));

        Assert.Contains("'article.txt' leads through a symbolic link to a place outside the import file's folder", run.Stderr);
        Refusals.AssertNothingOf(SecretLine, run);
    }

    [Fact]
    public async Task A_folder_link_then_dot_dot_is_followed_as_the_kernel_follows_it()
    {
        // "link/../passwd" is "passwd" in this folder as text, but open() goes to the link's target first.
        using var bt = await HostileFolder.CreateAsync();
        Directory.CreateSymbolicLink(Path.Combine(bt.ImportFolder, "shortcut"), Path.Combine(bt.Sandbox.Folder, "etc", "sub"));
        Directory.CreateDirectory(Path.Combine(bt.Sandbox.Folder, "etc", "sub"));

        var run = await Refusals.RefusedAsync(bt.Sandbox, Field, "import", bt.WriteImport(SourcesOnly("shortcut/../passwd")));

        Assert.Contains("outside the import file's folder", run.Stderr);
        Refusals.AssertNothingOf(SecretLine, run);
    }

    [Fact]
    public async Task Proc_self_environ_is_refused_and_the_environment_is_not_echoed()
    {
        using var bt = await HostileFolder.CreateAsync();
        var before = StoreBytes.Of(bt.Sandbox.Db);

        var run = await BtProcess.RunAsync(bt.Sandbox.Folder, ["--db", bt.Sandbox.Db, "import", bt.WriteImport(SourcesOnly("/proc/self/environ"))],
            new Dictionary<string, string> { ["BT_HOSTILE_SECRET"] = SecretLine }, Refusals.Timeout);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"{Field}: '/proc/self/environ' is outside the import file's folder", run.Stderr);
        Refusals.AssertNothingOf(SecretLine, run);
        Assert.Equal(before, StoreBytes.Of(bt.Sandbox.Db));
    }

    [Fact]
    public async Task Dev_zero_is_refused_without_reading_it()
    {
        using var bt = await HostileFolder.CreateAsync();

        var run = await Refusals.RefusedAsync(bt.Sandbox, Field, "import", bt.WriteImport(SourcesOnly("/dev/zero")));

        Assert.Contains("'/dev/zero' is outside the import file's folder", run.Stderr);
        Assert.DoesNotContain("OutOfMemory", run.Stderr);
    }

    [Fact]
    public async Task Dev_zero_as_the_import_file_stops_at_the_size_limit_while_reading()
    {
        // Its length reads as 0, so a limit taken from the length would never stop the read.
        using var bt = await HostileFolder.CreateAsync();

        var run = await Refusals.RefusedAsync(bt.Sandbox, "file", "import", "/dev/zero");

        Assert.Contains("'/dev/zero' holds more than 16 MB (reading stopped there)", run.Stderr);
        Assert.DoesNotContain("OutOfMemory", run.Stderr);
    }

    [Fact]
    public async Task A_named_pipe_in_the_folder_is_refused_without_waiting_for_a_writer()
    {
        using var bt = await HostileFolder.CreateAsync();
        await MakeFifoAsync(Path.Combine(bt.ImportFolder, "article.txt"));
        var clock = Stopwatch.StartNew();

        var run = await Refusals.RefusedAsync(bt.Sandbox, Field, "import", bt.WriteImport(SourcesOnly("article.txt")));

        Assert.Contains("'article.txt' is a named pipe (FIFO), not a regular file", run.Stderr);
        Assert.True(clock.Elapsed < Refusals.Timeout, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_directory_is_refused_naming_the_field()
    {
        using var bt = await HostileFolder.CreateAsync();
        Directory.CreateDirectory(Path.Combine(bt.ImportFolder, "texts"));

        var run = await Refusals.RefusedAsync(bt.Sandbox, Field, "import", bt.WriteImport(SourcesOnly("texts")));

        Assert.Contains("'texts' is a directory", run.Stderr);
    }

    [Fact]
    public async Task A_text_file_over_the_size_limit_is_refused()
    {
        using var bt = await HostileFolder.CreateAsync();
        using (var big = new FileStream(Path.Combine(bt.ImportFolder, "big.txt"), FileMode.CreateNew))
        {
            big.SetLength(17L * 1024 * 1024);
        }

        var run = await Refusals.RefusedAsync(bt.Sandbox, Field, "import", bt.WriteImport(SourcesOnly("big.txt")));

        Assert.Contains("the limit is 16 MB", run.Stderr);
    }

    [Fact]
    public async Task A_quote_checked_against_a_refused_file_does_not_echo_the_file()
    {
        // With claims present, a quote that does not match used to print the file's text at the quote's offsets.
        using var bt = await HostileFolder.CreateAsync();

        var run = await Refusals.RefusedAsync(bt.Sandbox, Field, "import", bt.WriteImport(Fixture.Document("b", textFile: "../../../../etc/passwd")));

        Refusals.AssertNothingOf(SecretLine, run);
        Refusals.AssertNothingOf("TOPSECRET", run);
        Assert.DoesNotContain("claims[0].quotes[0]", run.Stderr);
    }

    [Fact]
    public async Task A_control_character_in_a_text_file_is_refused_without_quoting_the_file()
    {
        using var bt = await HostileFolder.CreateAsync();
        File.WriteAllText(Path.Combine(bt.ImportFolder, "article.txt"), "visible words\0" + SecretLine);

        var run = await Refusals.RefusedAsync(bt.Sandbox, Field, "import", bt.WriteImport(SourcesOnly("article.txt")));

        Assert.Contains("'article.txt' holds the control character U+0000 at offset 13", run.Stderr);
        Refusals.AssertNothingOf(SecretLine, run);
    }

    [Fact]
    public async Task A_text_file_in_a_folder_below_the_import_file_is_read_and_its_quotes_checked()
    {
        using var bt = await HostileFolder.CreateAsync();
        Directory.CreateDirectory(Path.Combine(bt.ImportFolder, "texts"));
        File.WriteAllText(Path.Combine(bt.ImportFolder, "texts", "article.txt"), Fixture.Text);

        var run = await bt.Sandbox.Bt("import", bt.WriteImport(Fixture.Document("b", textFile: "texts/article.txt")));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("events appended", run.Stderr);
    }

    private static JsonObject SourcesOnly(string textFile)
    {
        var document = Fixture.Document("b", textFile);
        document["claims"] = new JsonArray();
        return document;
    }

    private static async Task MakeFifoAsync(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>A sandbox holding the shared store, the import folder in/a/b/c and the secret etc/passwd four levels above it.</summary>
    private sealed class HostileFolder : IDisposable
    {
        private HostileFolder(BtSandbox sandbox)
        {
            Sandbox = sandbox;
            ImportFolder = Path.Combine(sandbox.Folder, "in", "a", "b", "c");
            Directory.CreateDirectory(ImportFolder);
            Directory.CreateDirectory(Path.Combine(sandbox.Folder, "etc"));
            Secret = Path.Combine(sandbox.Folder, "etc", "passwd");
            // Longer than the fixture's text, so a quote's offsets fall inside it.
            File.WriteAllText(Secret, string.Concat(Enumerable.Repeat(SecretLine, 100)));
        }

        public BtSandbox Sandbox { get; }

        public string ImportFolder { get; }

        public string Secret { get; }

        public static async Task<HostileFolder> CreateAsync() => new(await ImportedStore.CopyIntoNewSandboxAsync());

        public string WriteImport(JsonNode document)
        {
            var path = Path.Combine(ImportFolder, "b.claims.json");
            File.WriteAllText(path, document.ToJsonString());
            return path;
        }

        public void Dispose() => Sandbox.Dispose();
    }
}
