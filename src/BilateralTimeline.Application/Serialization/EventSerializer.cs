using System.Text.Json;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization.Upcasting;
using BilateralTimeline.Domain;

namespace BilateralTimeline.Application.Serialization;

public static class EventSerializer
{
    public static byte[] Serialize(ILedgerEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), LedgerJson.Options);

    /// <summary>
    /// Null for events this build does not know (written by a newer version or another program): callers
    /// skip them and still count their revision. Older shapes are read through <paramref name="upcasters"/>
    /// (<see cref="EventUpcasters.Default"/> when not given); the stored bytes are never changed.
    /// </summary>
    public static ILedgerEvent? Deserialize(RecordedEvent recorded, EventUpcasters? upcasters = null)
    {
        try
        {
            var (wireName, data) = (upcasters ?? EventUpcasters.Default).Upcast(recorded.Type, recorded.Data);
            if (!EventTypes.TryGetType(wireName, out var type))
            {
                return null;
            }
            return (ILedgerEvent?)JsonSerializer.Deserialize(data.Span, type!, LedgerJson.Options)
                ?? throw new CorruptEventException(recorded.GlobalPosition, "the event's data is JSON null");
        }
        catch (Exception e) when (e is JsonException or DomainRuleViolated)
        {
            // Stored bytes that no longer parse were changed outside the store: name the position, not a stack trace.
            throw new CorruptEventException(recorded.GlobalPosition, e.Message, e);
        }
    }
}
