using System.Text.Json;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain;

namespace BilateralTimeline.Application.Serialization;

public static class EventSerializer
{
    public static byte[] Serialize(ILedgerEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), LedgerJson.Options);

    /// <summary>Null for events this build does not know (written by a newer version or another program).</summary>
    public static ILedgerEvent? Deserialize(RecordedEvent recorded)
    {
        if (!EventTypes.TryGetType(recorded.Type, out var type))
        {
            return null;
        }
        try
        {
            return (ILedgerEvent?)JsonSerializer.Deserialize(recorded.Data.Span, type!, LedgerJson.Options)
                ?? throw new CorruptEventException(recorded.GlobalPosition, "the event's data is JSON null");
        }
        catch (Exception e) when (e is JsonException or DomainRuleViolated)
        {
            // Stored bytes that no longer parse were changed outside the store: name the position, not a stack trace.
            throw new CorruptEventException(recorded.GlobalPosition, e.Message, e);
        }
    }
}
