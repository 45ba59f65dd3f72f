using System.Text;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.EventStore.Contract;

namespace BilateralTimeline.EventStore.Sqlite.Tests;

/// <summary>
/// The replay's raw read (<see cref="IRawLogReader"/>) scans the events alone and looks each type name
/// and metadata row up by id: it must hand over what the joined read gives, and treat a side row that
/// is gone as damage rather than leave the event out.
/// </summary>
public sealed class SqliteRawReadTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private string DatabasePath => _directory.File("timeline.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_raw_read_hands_over_every_events_type_and_metadata_as_the_joined_read_does()
    {
        // Given appends that alternate types and metadata, so the lookups change and come back
        await using var store = SqliteEventStore.Open(DatabasePath, _clock);
        for (var i = 0; i < 6; i++)
        {
            var metadata = new EventMetadata($"writer-{i % 3}");
            await store.AppendAsync($"dyad-{i % 2}", i < 2 ? ExpectedRevision.NoStream : ExpectedRevision.Exact((2 * (i / 2)) - 1), [TestEvents.New(type: $"kind-{i % 2}/v1", metadata: metadata), TestEvents.New(metadata: metadata)]);
        }

        // When
        var raw = new List<(long Position, string Stream, string Type, string RecordedBy)>();
        var count = await ((IRawLogReader)store).ReadAllRawAsync(3, (in RawEvent e) =>
            raw.Add((e.GlobalPosition, Encoding.UTF8.GetString(e.Stream), Encoding.UTF8.GetString(e.Type), MetadataJson.Deserialize(e.Metadata).RecordedBy)));

        // Then
        var joined = await store.ReadAllAsync(3).Select(e => (e.GlobalPosition, e.Stream, e.Type, e.Metadata.RecordedBy)).ToListAsync();
        Assert.Equal(10, count);
        Assert.Equal(joined, raw);
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
        var error = await Assert.ThrowsAsync<CorruptEventException>(() => ((IRawLogReader)store).ReadAllRawAsync(0, (in RawEvent e) => handed.Add(e.GlobalPosition)));

        // Then
        Assert.Equal(2, error.GlobalPosition);
        Assert.Equal([1L], handed);
    }
}
