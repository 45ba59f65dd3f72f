using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;

namespace BilateralTimeline.EventStore.Sqlite.Tests;

/// <summary>The store holds whole articles and who recorded what: a new store file, and SQLite's files beside it, are the owner's only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SqliteFileModeTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TemporaryDirectory _directory = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private string DatabasePath => _directory.File("timeline.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_new_store_and_its_wal_and_shm_files_are_created_owner_only()
    {
        // Given
        await using var store = SqliteEventStore.Open(DatabasePath, _clock);

        // When
        await store.AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));

        // Then
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(DatabasePath));
        Assert.True(File.Exists(DatabasePath + "-wal"), "the store writes ahead while open");
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(DatabasePath + "-wal"));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(DatabasePath + "-shm"));
    }

    [Fact]
    public async Task An_existing_file_keeps_its_mode()
    {
        // Given an empty file its owner chose to share with the group
        var shared = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
        await File.WriteAllBytesAsync(DatabasePath, []);
        File.SetUnixFileMode(DatabasePath, shared);

        // When
        await using (var store = SqliteEventStore.Open(DatabasePath, _clock))
        {
            await store.AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(1));
        }

        // Then
        Assert.Equal(shared, File.GetUnixFileMode(DatabasePath));
    }
}
