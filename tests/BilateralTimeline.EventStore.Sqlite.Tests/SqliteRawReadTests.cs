using System.Text;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.EventStore.Contract;

namespace BilateralTimeline.EventStore.Sqlite.Tests;

/// <summary>
/// The reads scan the events table alone and look each type name and metadata row up by id: they must
/// hand over what was appended, and treat a side row that is gone as damage rather than leave the event out.
/// </summary>
public sealed class SqliteRawReadTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private string DatabasePath => _directory.File("timeline.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_read_hands_over_each_events_own_type_and_metadata_as_appended()
    {
        // Given appends that alternate types and metadata, so the lookups change and come back
        await using var store = SqliteEventStore.Open(DatabasePath, _clock);
        var appended = new List<(string Stream, string Type, string RecordedBy)>();
        for (var i = 0; i < 6; i++)
        {
            var metadata = new EventMetadata($"writer-{i % 3}");
            EventData[] events = [TestEvents.New(type: $"kind-{i % 2}/v1", metadata: metadata), TestEvents.New(metadata: metadata)];
            await store.AppendAsync($"dyad-{i % 2}", i < 2 ? ExpectedRevision.NoStream : ExpectedRevision.Exact((2 * (i / 2)) - 1), events);
            appended.AddRange(events.Select(e => ($"dyad-{i % 2}", e.Type, e.Metadata.RecordedBy)));
        }

        // When
        var raw = new List<(string, string, string)>();
        var count = await ((IRawLogReader)store).ReadAllRawAsync(3, (in RawEvent e) =>
            raw.Add((Encoding.UTF8.GetString(e.Stream), Encoding.UTF8.GetString(e.Type), MetadataJson.Deserialize(e.Metadata).RecordedBy)));
        var all = await store.ReadAllAsync(3).Select(e => (e.Stream, e.Type, e.Metadata.RecordedBy)).ToListAsync();
        var backwards = await store.ReadAllAsync(long.MaxValue, ReadDirection.Backwards).Select(e => (e.Stream, e.Type, e.Metadata.RecordedBy)).ToListAsync();
        var stream = await store.ReadStreamAsync("dyad-1").Select(e => (e.Stream, e.Type, e.Metadata.RecordedBy)).ToListAsync();

        // Then
        Assert.Equal(10, count);
        Assert.Equal(appended.Skip(2), raw);
        Assert.Equal(appended.Skip(2), all);
        Assert.Equal(Enumerable.Reverse(appended), backwards);
        Assert.Equal(appended.Where(e => e.Stream == "dyad-1"), stream);
    }

    [Fact]
    public async Task An_event_whose_metadata_row_was_deleted_behind_the_adapters_back_is_refused_at_its_position_not_skipped()
    {
        // Given three appends, and the second one's metadata row deleted by a tool that first dropped the guarding trigger
        await using var store = SqliteEventStore.Open(DatabasePath, _clock);
        for (var i = 0; i < 3; i++)
        {
            await store.AppendAsync($"dyad-{i}", ExpectedRevision.NoStream, [TestEvents.New(metadata: new EventMetadata($"writer-{i}"))]);
        }
        using (var connection = SqliteFiles.OpenRaw(DatabasePath))
        {
            SqliteFiles.Execute(connection, "PRAGMA foreign_keys = OFF; DROP TRIGGER event_metadata_is_never_deleted; DELETE FROM event_metadata WHERE id = (SELECT metadata_id FROM events WHERE position = 2);");
        }

        // When
        var handed = new List<long>();
        var raw = await Assert.ThrowsAsync<CorruptEventException>(() => ((IRawLogReader)store).ReadAllRawAsync(0, (in RawEvent e) => handed.Add(e.GlobalPosition)));
        var all = await Assert.ThrowsAsync<CorruptEventException>(async () => await store.ReadAllAsync().ToListAsync());
        var stream = await Assert.ThrowsAsync<CorruptEventException>(async () => await store.ReadStreamAsync("dyad-1").ToListAsync());
        var verification = await ChainVerifier.VerifyAsync(store, SqliteEventStore.Capabilities);

        // Then
        Assert.Equal([1L], handed);
        Assert.Equal([2L, 2L, 2L], new[] { raw.GlobalPosition, all.GlobalPosition, stream.GlobalPosition });
        Assert.Equal(2, verification.FirstBrokenPosition);
        Assert.Contains("event_metadata", all.Message, StringComparison.Ordinal);
    }
}
