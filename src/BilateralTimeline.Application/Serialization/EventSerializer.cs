using System.Buffers;
using System.Text.Json;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization.Upcasting;
using BilateralTimeline.Domain;

namespace BilateralTimeline.Application.Serialization;

public static class EventSerializer
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The writer options the serializer derives from <see cref="LedgerJson.Options"/>.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = LedgerJson.Options.Encoder, SkipValidation = true };

    /// <summary>
    /// The event's stored bytes: the serializer's with <see cref="LedgerJson.Options"/>, the events an import
    /// writes by the thousand through <see cref="HotEventJson"/> into a buffer kept per thread.
    /// </summary>
    public static byte[] Serialize(ILedgerEvent e)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        // Reset every time: an earlier event may have failed half-way.
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        if (!HotEventJson.TryWrite(writer, e))
        {
            return SerializeWithOptions(e);
        }
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Through the serializer and its metadata, for every type (<see cref="Serialize"/>'s oracle in the tests).</summary>
    internal static byte[] SerializeWithOptions(ILedgerEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), LedgerJson.Options);

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
