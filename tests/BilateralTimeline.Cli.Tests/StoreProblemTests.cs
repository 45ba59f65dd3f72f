using BilateralTimeline.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.Cli.Tests;

/// <summary>A --db that cannot hold a store: exit 1, one line naming the path and what to do, no stack trace.</summary>
public sealed class StoreProblemTests
{
    [Fact]
    public async Task A_db_path_that_is_a_directory_exits_1_naming_it()
    {
        using var bt = new BtSandbox();
        var folder = Directory.CreateDirectory(bt.PathOf("a-folder")).FullName;

        var run = await bt.BtRaw("--db", folder, "events");

        AssertStoreFailure(run, folder, "is a directory");
    }

    [Fact]
    public async Task A_read_only_store_exits_1_naming_it_and_stays_unchanged()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var before = await File.ReadAllBytesAsync(bt.Db);
        // 0444. The tests may run as root, who writes through file modes; the adapter checks the mode itself.
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(bt.Db, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(bt.Db, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        var file = bt.WriteFile("b.claims.json", Fixture.Document("b"));

        var run = await bt.Bt("import", file);

        AssertStoreFailure(run, bt.Db, "is read-only");
        Assert.Contains("chmod u+w", run.Stderr);
        Assert.Equal(before, await File.ReadAllBytesAsync(bt.Db));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_exits_1_and_is_left_untouched()
    {
        using var bt = new BtSandbox();
        var text = string.Concat(Enumerable.Repeat("these are my notes, not a database\n", 200));
        var path = bt.WriteText("notes.db", text);

        var run = await bt.BtRaw("--db", path, "events");

        AssertStoreFailure(run, path, "is not a BilateralTimeline store");
        Assert.Equal(text, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Another_applications_sqlite_database_exits_1_and_is_left_byte_for_byte_untouched()
    {
        using var bt = new BtSandbox();
        var path = bt.PathOf("crm.db");
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Leyla');";
            command.ExecuteNonQuery();
        }
        var before = await File.ReadAllBytesAsync(path);
        var file = bt.WriteFile("a.claims.json", Fixture.Document("a"));

        var run = await bt.BtRaw("--db", path, "import", file);

        AssertStoreFailure(run, path, "is a SQLite database but not a BilateralTimeline store");
        // Regression: bt switched the file to WAL (a header write) before finding out it was not its own.
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(path + "-wal"));
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("timeline")]
    public async Task A_store_with_a_damaged_first_page_exits_1_saying_it_is_corrupted(string command)
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        // Garbage over the schema table on page 1, after SQLite's 100-byte file header.
        await using (var file = new FileStream(bt.Db, FileMode.Open, FileAccess.Write))
        {
            var garbage = new byte[4096 - 100];
            new Random(42).NextBytes(garbage);
            file.Position = 100;
            await file.WriteAsync(garbage);
        }

        var run = await bt.Bt(command);

        AssertStoreFailure(run, bt.Db, "is corrupted");
    }

    [Fact]
    public async Task A_store_in_a_folder_that_does_not_exist_yet_is_created()
    {
        using var bt = new BtSandbox();
        var path = Path.Combine(bt.Folder, "new", "deeper", "timeline.db");

        var run = await bt.BtRaw("--db", path, "import", bt.WriteFile("a.claims.json", Fixture.Document("a")));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Without_db_the_store_is_the_one_named_by_BT_DB()
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw("import", bt.WriteFile("a.claims.json", Fixture.Document("a")));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(bt.PathOf("default.db")), "BT_DB points at default.db in the sandbox");
    }

    private static void AssertStoreFailure(BtResult run, string path, string explanation)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"error: '{path}' {explanation}", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
        Assert.Equal("", run.Stdout);
    }
}
