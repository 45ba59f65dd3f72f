using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite.Tests;

public sealed class SqliteEventStoreContractTests : EventStoreContract
{
    private readonly TemporaryDirectory _directory = new();
    private TimeProvider _clock = TimeProvider.System;

    protected override StoreCapabilities Capabilities => SqliteEventStore.Capabilities;

    private string DatabasePath => _directory.File("timeline.db");

    protected override Task<IEventStore> CreateStoreAsync(TimeProvider clock)
    {
        _clock = clock;
        return Task.FromResult<IEventStore>(SqliteEventStore.Open(DatabasePath, clock));
    }

    protected override Task<IEventStore> ReopenAsync() => Task.FromResult<IEventStore>(SqliteEventStore.Open(DatabasePath, _clock));

    protected override IProjectionStore OpenProjectionStore() => SqliteProjectionStore.Open(DatabasePath, _clock);

    /// <summary>
    /// Edits the database file itself, as a hex editor would: closing the store checkpointed the WAL,
    /// so the event's data lies in the main file. Every copy is changed, because SQLite may leave stale
    /// copies of a row in free space after moving it between pages.
    /// </summary>
    protected override async Task TamperWithStoredEventAsync(long globalPosition)
    {
        var data = ReadData(DatabasePath, globalPosition);
        var letter = Array.FindIndex(data, b => char.IsAsciiLetter((char)b));
        Assert.True(letter >= 0, $"the data of event {globalPosition} has no ASCII letter to change");
        Assert.False(File.Exists(DatabasePath + "-wal") && new FileInfo(DatabasePath + "-wal").Length > 0, "the WAL still holds data after closing");

        var file = await File.ReadAllBytesAsync(DatabasePath);
        var copies = 0;
        for (var at = file.AsSpan().IndexOf(data); at >= 0; copies++)
        {
            var b = file[at + letter];
            file[at + letter] = (byte)(b is (byte)'z' or (byte)'Z' ? b - 1 : b + 1);
            var next = file.AsSpan(at + 1).IndexOf(data);
            at = next < 0 ? -1 : at + 1 + next;
        }
        Assert.True(copies > 0, $"the data of event {globalPosition} was not found in {DatabasePath}");
        await File.WriteAllBytesAsync(DatabasePath, file);
    }

    /// <summary>With file access the triggers are no obstacle: they are dropped first.</summary>
    protected override Task CutTailAsync(long lastKept, bool moveHead)
    {
        using var connection = SqliteFiles.OpenRaw(DatabasePath);
        SqliteFiles.Execute(connection, $"DROP TRIGGER events_are_never_deleted; DELETE FROM events WHERE position > {lastKept};");
        if (moveHead)
        {
            SqliteFiles.Execute(connection, $"""
                DROP TRIGGER head_never_moves_back;
                UPDATE head SET position = {lastKept}, hash = coalesce((SELECT hash FROM events WHERE position = {lastKept}), zeroblob(32));
                """);
        }
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    private static byte[] ReadData(string path, long globalPosition)
    {
        using var connection = SqliteFiles.OpenRaw(path, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM events WHERE position = $p";
        command.Parameters.AddWithValue("$p", globalPosition);
        return command.ExecuteScalar() as byte[] ?? throw new InvalidOperationException($"no event at position {globalPosition}");
    }
}
