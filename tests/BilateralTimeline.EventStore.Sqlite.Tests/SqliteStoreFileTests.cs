using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite.Tests;

/// <summary>What only the embedded adapter promises: about its file, and about tools that bypass it.</summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private string DatabasePath => _directory.File("timeline.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Eight_processes_opening_one_new_file_at_once_all_open_it_and_one_creates_the_schema()
    {
        // Several fresh files, because which opener wins the race is up to the scheduler.
        for (var round = 0; round < 10; round++)
        {
            // Given
            var path = _directory.File($"race-{round}.db");

            // When
            using var start = new Barrier(8);
            var stores = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    return SqliteEventStore.Open(path, _clock);
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)));

            // Then
            try
            {
                var appended = await Task.WhenAll(stores.Select((store, i) => store.AppendAsync($"claim-{i}", ExpectedRevision.NoStream, TestEvents.Many(1))));
                Assert.Equal(Enumerable.Range(1, 8).Select(p => (long)p), appended.Select(a => a.LastGlobalPosition).Order());
                Assert.True((await ChainVerifier.VerifyAsync(stores[0], SqliteEventStore.Capabilities)).IsIntact);
            }
            finally
            {
                foreach (var store in stores)
                {
                    await store.DisposeAsync();
                }
            }
        }
    }

    [Fact]
    public async Task Updating_an_event_through_a_raw_connection_is_refused_by_the_trigger()
    {
        // Given
        await using var store = SqliteEventStore.Open(DatabasePath, _clock);
        await store.AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));
        using var raw = SqliteFiles.OpenRaw(DatabasePath);

        // When
        var error = Assert.Throws<SqliteException>(() => SqliteFiles.Execute(raw, "UPDATE events SET data = x'00' WHERE position = 1"));

        // Then
        Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
        var first = (await store.ReadAllAsync(maxCount: 1).ToListAsync())[0];
        Assert.NotEqual([(byte)0], first.Data.ToArray());
        Assert.True((await ChainVerifier.VerifyAsync(store, SqliteEventStore.Capabilities)).IsIntact);
    }

    [Fact]
    public async Task Deleting_an_event_through_a_raw_connection_is_refused_by_the_trigger()
    {
        // Given
        await using var store = SqliteEventStore.Open(DatabasePath, _clock);
        await store.AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));
        using var raw = SqliteFiles.OpenRaw(DatabasePath);

        // When
        var error = Assert.Throws<SqliteException>(() => SqliteFiles.Execute(raw, "DELETE FROM events"));

        // Then
        Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await store.ReadAllAsync().ToListAsync()).Count);
    }

    [Theory]
    [InlineData("UPDATE event_metadata SET json = x'7b7d'")]
    [InlineData("DELETE FROM event_metadata")]
    [InlineData("UPDATE event_types SET name = 'other/v1'")]
    [InlineData("DELETE FROM event_types")]
    public async Task Shared_type_and_metadata_rows_are_append_only_too(string sql)
    {
        // Given
        await using var store = SqliteEventStore.Open(DatabasePath, _clock);
        await store.AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));
        using var raw = SqliteFiles.OpenRaw(DatabasePath);

        // When
        var error = Assert.Throws<SqliteException>(() => SqliteFiles.Execute(raw, sql));

        // Then
        Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
        Assert.True((await ChainVerifier.VerifyAsync(store, SqliteEventStore.Capabilities)).IsIntact);
    }

    [Fact]
    public async Task Events_of_one_append_share_one_metadata_row_and_each_type_is_stored_once()
    {
        // Given
        await using var store = SqliteEventStore.Open(DatabasePath, _clock);

        // When
        await store.AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(5));
        await store.AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.Many(3));

        // Then
        using var raw = SqliteFiles.OpenRaw(DatabasePath, SqliteOpenMode.ReadOnly);
        Assert.Equal(2L, SqliteFiles.Scalar(raw, "SELECT count(*) FROM event_metadata"));
        Assert.Equal(1L, SqliteFiles.Scalar(raw, "SELECT count(*) FROM event_types"));
        Assert.Equal(8, (await store.ReadAllAsync().ToListAsync()).Count(e => e.Metadata.RecordedBy == TestEvents.New().Metadata.RecordedBy));
    }

    [Fact]
    public void Opening_a_directory_is_refused_naming_the_path()
    {
        // Given
        var folder = Directory.CreateDirectory(_directory.File("a-folder")).FullName;

        // When
        var error = Assert.Throws<EventStoreUnavailableException>(() => SqliteEventStore.Open(folder, _clock));

        // Then
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_read_only_file_is_refused_naming_the_path()
    {
        // Given a store file made read-only (the tests may run as root, who could write anyway)
        await using (var store = SqliteEventStore.Open(DatabasePath, _clock))
        {
            await store.AppendAsync("claim-1", ExpectedRevision.NoStream, [TestEvents.New()]);
        }
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(DatabasePath, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(DatabasePath, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        var bytes = await File.ReadAllBytesAsync(DatabasePath);

        // When
        var error = Assert.Throws<EventStoreUnavailableException>(() => SqliteEventStore.Open(DatabasePath, _clock));

        // Then
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(DatabasePath));
    }

    [Theory]
    [InlineData("random bytes")]
    [InlineData("text")]
    [InlineData("short text")]
    public async Task Opening_a_file_that_is_not_a_database_is_refused_naming_the_path(string content)
    {
        // Given
        var bytes = content switch
        {
            "random bytes" => RandomBytes(8192),
            "text" => System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Dear diary, today I did not create a database.\n", 100))),
            _ => "notes\n"u8.ToArray(),
        };
        await File.WriteAllBytesAsync(DatabasePath, bytes);

        // When
        var error = Assert.Throws<EventStoreUnavailableException>(() => SqliteEventStore.Open(DatabasePath, _clock));

        // Then
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(DatabasePath));
    }

    [Fact]
    public void Opening_another_applications_database_is_refused_naming_the_path()
    {
        // Given a SQLite file that belongs to somebody else
        GivenAnotherApplicationsDatabase();

        // When
        var error = Assert.Throws<EventStoreUnavailableException>(() => SqliteEventStore.Open(DatabasePath, _clock));

        // Then
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        using var raw = SqliteFiles.OpenRaw(DatabasePath, SqliteOpenMode.ReadOnly);
        Assert.Equal("recipes", SqliteFiles.Scalar(raw, "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'"));
        Assert.Equal(0L, SqliteFiles.Scalar(raw, "PRAGMA application_id"));
    }

    [Fact]
    public void Refusing_another_applications_database_no_longer_switches_it_to_wal()
    {
        // Given a SQLite file that belongs to somebody else, in the default rollback-journal mode
        GivenAnotherApplicationsDatabase();

        // When
        Assert.Throws<EventStoreUnavailableException>(() => SqliteEventStore.Open(DatabasePath, _clock));

        // Then its journal mode, which SQLite keeps in the file, is unchanged
        using var raw = SqliteFiles.OpenRaw(DatabasePath, SqliteOpenMode.ReadOnly);
        Assert.Equal("delete", SqliteFiles.Scalar(raw, "PRAGMA journal_mode"));
    }

    [Fact]
    public void Refusing_a_file_no_longer_leaves_it_open_in_the_connection_pool()
    {
        // Given a SQLite file that belongs to somebody else
        GivenAnotherApplicationsDatabase();

        // When
        Assert.Throws<EventStoreUnavailableException>(() => SqliteEventStore.Open(DatabasePath, _clock));

        // Then this process holds no handle on it any more
        if (OperatingSystem.IsLinux())
        {
            Assert.Empty(OpenHandlesTo(DatabasePath));
        }
        else
        {
            // Windows refuses to move a file that SQLite holds open; this throws if the handle leaked.
            File.Move(DatabasePath, DatabasePath + ".moved");
        }
    }

    [Fact]
    public async Task Opening_a_store_with_a_newer_schema_is_refused_naming_the_path()
    {
        // Given a store written by a later version
        await using (var store = SqliteEventStore.Open(DatabasePath, _clock))
        {
            await store.AppendAsync("claim-1", ExpectedRevision.NoStream, [TestEvents.New()]);
        }
        using (var raw = SqliteFiles.OpenRaw(DatabasePath))
        {
            SqliteFiles.Execute(raw, "PRAGMA user_version = 99");
        }

        // When
        var error = Assert.Throws<EventStoreUnavailableException>(() => SqliteEventStore.Open(DatabasePath, _clock));

        // Then
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_path_in_missing_folders_creates_them()
    {
        // Given
        var path = _directory.File(Path.Combine("not", "yet", "there", "timeline.db"));

        // When
        await using var store = SqliteEventStore.Open(path, _clock);
        await store.AppendAsync("claim-1", ExpectedRevision.NoStream, [TestEvents.New()]);

        // Then
        Assert.True(File.Exists(path));
        Assert.Equal(path, store.Path);
        Assert.Single(await store.ReadAllAsync().ToListAsync());
    }

    [Fact]
    public async Task A_new_store_file_is_marked_as_ours_and_kept_in_wal_mode()
    {
        // Given
        await using (var store = SqliteEventStore.Open(DatabasePath, _clock))
        {
            await store.AppendAsync("claim-1", ExpectedRevision.NoStream, [TestEvents.New()]);

            // While open, any connection sees WAL mode
            using var live = SqliteFiles.OpenRaw(DatabasePath, SqliteOpenMode.ReadOnly);
            Assert.Equal("wal", SqliteFiles.Scalar(live, "PRAGMA journal_mode"));
        }

        // When the store is closed
        // Then the file itself records WAL mode (header bytes 18 and 19 are 2) and our application id "BTL1"
        var header = new byte[100];
        await using (var file = File.OpenRead(DatabasePath))
        {
            await file.ReadExactlyAsync(header);
        }
        Assert.Equal("SQLite format 3\0"u8.ToArray(), header[..16]);
        Assert.Equal(2, header[18]);
        Assert.Equal(2, header[19]);
        Assert.Equal("BTL1"u8.ToArray(), header[68..72]);
    }

    private void GivenAnotherApplicationsDatabase()
    {
        using var other = SqliteFiles.OpenRaw(DatabasePath, SqliteOpenMode.ReadWriteCreate);
        SqliteFiles.Execute(other, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
    }

    /// <summary>This process's open file descriptors on <paramref name="path"/>, as Linux lists them.</summary>
    private static string[] OpenHandlesTo(string path) =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Select(fd => fd.LinkTarget)
            .Where(target => target is not null && target.StartsWith(path, StringComparison.Ordinal))
            .Select(target => target!)
            .ToArray();

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20250601).NextBytes(bytes);
        return bytes;
    }
}
