using BilateralTimeline.EventStore.Contract;

namespace BilateralTimeline.EventStore.Sqlite.Tests;

/// <summary>The decider index and the in-process copy against the full fold, on a real SQLite file.</summary>
public sealed class SqliteDeciderIndexPropertyTests : DeciderIndexProperties
{
    protected override Task<StorePair> CreateAsync()
    {
        var directory = new TemporaryDirectory();
        var events = SqliteEventStore.Open(directory.File("timeline.db"), TimeProvider.System);
        return Task.FromResult(new StorePair(events, SqliteProjectionStore.Open(events.Path, TimeProvider.System), () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Dispose();
            return ValueTask.CompletedTask;
        }));
    }
}
