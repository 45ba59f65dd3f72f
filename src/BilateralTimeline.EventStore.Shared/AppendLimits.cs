using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Shared;

/// <summary>
/// Checks every adapter applies before appending, so all stores refuse the same inputs the same way.
/// The size limit is EventStoreDB's default maximum append size: a history that fits one store fits all.
/// </summary>
public static class AppendLimits
{
    public const int MaxAppendBytes = 16 * 1024 * 1024;

    public const int MaxTypeLength = 200;

    public static void Validate(string stream, IReadOnlyList<EventData> events)
    {
        StreamName.Validate(stream);
        if (events.Count == 0)
        {
            throw new ArgumentException("nothing to append: give at least one event", nameof(events));
        }
        long bytes = 0;
        // Sized up front: grown by doubling, an import file's ten thousand ids went through a series of large arrays.
        var ids = new HashSet<Guid>(events.Count);
        foreach (var e in events)
        {
            if (e.EventId == Guid.Empty)
            {
                throw new ArgumentException("an event id must not be the empty UUID", nameof(events));
            }
            if (!ids.Add(e.EventId))
            {
                throw new ArgumentException($"event id {e.EventId} appears twice in one append", nameof(events));
            }
            if (string.IsNullOrWhiteSpace(e.Type) || e.Type.Length > MaxTypeLength)
            {
                throw new ArgumentException($"event type '{e.Type}' must be 1 to {MaxTypeLength} characters, e.g. claim-recorded/v1", nameof(events));
            }
            bytes += e.Data.Length;
        }
        if (bytes > MaxAppendBytes)
        {
            throw new ArgumentException($"the append carries {bytes / (1024.0 * 1024):0.#} MB of event data; the limit is {MaxAppendBytes / (1024 * 1024)} MB: split it into several appends", nameof(events));
        }
    }
}
