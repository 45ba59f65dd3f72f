using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite.Tests;

/// <summary>The head record the embedded store keeps beside its log (schema version 2).</summary>
public sealed class SqliteHeadRecordTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private string DatabasePath => _directory.File("timeline.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_store_of_schema_version_1_opens_with_its_head_computed_from_the_log_and_carries_on()
    {
        // Given a file as version 1 left it: the log and no head record
        await using (var store = SqliteEventStore.Open(DatabasePath, _clock))
        {
            await store.AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(3));
        }
        using (var raw = SqliteFiles.OpenRaw(DatabasePath))
        {
            SqliteFiles.Execute(raw, "DROP TABLE head; PRAGMA user_version = 1;");
        }

        // When it is opened by this version
        await using var upgraded = SqliteEventStore.Open(DatabasePath, _clock);
        var snapshot = await upgraded.ReadHeadAsync();
        var next = await upgraded.AppendAsync("claim-1", ExpectedRevision.Exact(2), [TestEvents.New()]);

        // Then
        Assert.Null(snapshot.Check());
        Assert.Equal(3, snapshot.Recorded.Position);
        Assert.Equal(4, next.LastGlobalPosition);
        Assert.True((await ChainVerifier.VerifyAsync(upgraded, SqliteEventStore.Capabilities)).IsIntact);
        using var check = SqliteFiles.OpenRaw(DatabasePath, SqliteOpenMode.ReadOnly);
        Assert.Equal(2L, SqliteFiles.Scalar(check, "PRAGMA user_version"));
        Assert.Equal(4L, SqliteFiles.Scalar(check, "SELECT position FROM head"));
    }

    [Fact]
    public async Task An_empty_store_of_schema_version_1_gets_the_genesis_as_its_head()
    {
        // Given
        await using (SqliteEventStore.Open(DatabasePath, _clock))
        {
        }
        using (var raw = SqliteFiles.OpenRaw(DatabasePath))
        {
            SqliteFiles.Execute(raw, "DROP TABLE head; PRAGMA user_version = 1;");
        }

        // When
        await using var upgraded = SqliteEventStore.Open(DatabasePath, _clock);
        var first = await upgraded.AppendAsync("claim-1", ExpectedRevision.NoStream, [TestEvents.New()]);

        // Then
        Assert.Equal(1, first.LastGlobalPosition);
        Assert.True((await ChainVerifier.VerifyAsync(upgraded, SqliteEventStore.Capabilities)).IsIntact);
    }

    [Theory]
    [InlineData("DELETE FROM head", "kept for ever")]
    [InlineData("UPDATE head SET position = 1", "never moves back")]
    public async Task The_head_record_is_neither_deleted_nor_moved_back_by_tools_that_bypass_the_store(string sql, string refusal)
    {
        // Given
        await using var store = SqliteEventStore.Open(DatabasePath, _clock);
        await store.AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));
        using var raw = SqliteFiles.OpenRaw(DatabasePath);

        // When
        var error = Assert.Throws<SqliteException>(() => SqliteFiles.Execute(raw, sql));

        // Then
        Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
        Assert.Null((await store.ReadHeadAsync()).Check());
    }

    [Fact]
    public async Task A_store_whose_head_row_was_deleted_refuses_appends_and_says_so()
    {
        // Given
        await using var store = SqliteEventStore.Open(DatabasePath, _clock);
        await store.AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));
        using (var raw = SqliteFiles.OpenRaw(DatabasePath))
        {
            SqliteFiles.Execute(raw, "DROP TRIGGER head_is_never_deleted; DELETE FROM head;");
        }

        // When
        var append = await Record.ExceptionAsync(() => store.AppendAsync("claim-1", ExpectedRevision.Exact(1), [TestEvents.New()]));
        var read = await Record.ExceptionAsync(() => store.ReadHeadAsync());

        // Then
        Assert.Contains("head record is missing", Assert.IsType<DamagedLogException>(append).Message, StringComparison.Ordinal);
        Assert.IsType<DamagedLogException>(read);
        Assert.Equal(2, (await store.ReadAllAsync().ToListAsync()).Count);
    }
}
