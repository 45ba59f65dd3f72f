using System.Buffers.Binary;
using System.Globalization;
using BilateralTimeline.EventStore.EventStoreDb.Protocol;

namespace BilateralTimeline.EventStore.EventStoreDb;

/// <summary>
/// UUIDs on the wire. The structured form is the UUID's 16 bytes in textual (RFC 4122) order split
/// into two big-endian signed halves, which is not <see cref="Guid.ToByteArray()"/>'s mixed-endian order.
/// </summary>
public static class EsdbUuid
{
    public static UUID ToStructured(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return new UUID
        {
            Structured = new UUID.Types.Structured
            {
                MostSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes),
                LeastSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]),
            },
        };
    }

    public static UUID ToText(Guid id) => new() { String = id.ToString("D", CultureInfo.InvariantCulture) };

    public static Guid FromWire(UUID? uuid)
    {
        switch (uuid?.ValueCase)
        {
            case UUID.ValueOneofCase.String:
                return Guid.Parse(uuid.String, CultureInfo.InvariantCulture);
            case UUID.ValueOneofCase.Structured:
                Span<byte> bytes = stackalloc byte[16];
                BinaryPrimitives.WriteInt64BigEndian(bytes, uuid.Structured.MostSignificantBits);
                BinaryPrimitives.WriteInt64BigEndian(bytes[8..], uuid.Structured.LeastSignificantBits);
                return new Guid(bytes, bigEndian: true);
            default:
                throw new FormatException("the server sent an event without an id");
        }
    }
}
