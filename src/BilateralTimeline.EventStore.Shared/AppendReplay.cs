using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.EventStore.Shared;

/// <summary>
/// Idempotency, decided the same way by every adapter: an append is a replay of an earlier one when
/// its first event id is stored already. Then every event must match what is stored, in the same
/// stream and order, and the expected revision must be the one the original append was made with
/// (or any); otherwise the append is refused.
/// </summary>
public static class AppendReplay
{
    /// <summary>The original result when <paramref name="events"/> replays an earlier append; null when it is new.</summary>
    /// <remarks>
    /// <paramref name="find"/> looks an event up by id inside the adapter's write transaction;
    /// <paramref name="currentRevision"/> gives the stream's last revision (-1 = none) for the conflict message.
    /// </remarks>
    public static AppendResult? Find(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, Func<Guid, RecordedEvent?> find, Func<long> currentRevision)
    {
        RecordedEvent? first = null;
        RecordedEvent? last = null;
        for (var i = 0; i < events.Count; i++)
        {
            var stored = find(events[i].EventId);
            if (stored is null)
            {
                if (i == 0)
                {
                    return null;
                }
                throw new DuplicateEventIdException(events[0].EventId, first!.Stream);
            }
            if (stored.Stream != stream || (first is not null && stored.StreamRevision != first.StreamRevision + i) || !SameContent(stored, events[i]))
            {
                throw new DuplicateEventIdException(events[i].EventId, stored.Stream);
            }
            first ??= stored;
            last = stored;
        }
        if (!expected.IsSatisfiedBy(first!.StreamRevision - 1))
        {
            throw new WrongExpectedRevisionException(stream, expected, currentRevision());
        }
        return new AppendResult(last!.StreamRevision, last.GlobalPosition, AlreadyRecorded: true);
    }

    private static bool SameContent(RecordedEvent stored, EventData sent) =>
        stored.Type == sent.Type
        && stored.Data.Span.SequenceEqual(sent.Data.Span)
        && MetadataJson.Serialize(stored.Metadata).AsSpan().SequenceEqual(MetadataJson.Serialize(sent.Metadata));
}
