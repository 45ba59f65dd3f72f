namespace BilateralTimeline.EventStore.EventStoreDb.Tests.Replay;

/// <summary>One protobuf field as it sits on the wire, read without any schema.</summary>
public sealed record WireField(int Number, int WireType, ulong Varint, byte[] Bytes);

/// <summary>
/// A schema-free protobuf reader: the replay server decodes what our client sent with this, not with
/// the generated classes, so a wrong field number in our .proto files cannot hide behind itself.
/// </summary>
public static class ProtoWire
{
    public static List<WireField> Parse(ReadOnlySpan<byte> message)
    {
        var fields = new List<WireField>();
        var at = 0;
        while (at < message.Length)
        {
            var key = ReadVarint(message, ref at);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    fields.Add(new WireField(number, wireType, ReadVarint(message, ref at), []));
                    break;
                case 1:
                    fields.Add(new WireField(number, wireType, BitConverter.ToUInt64(message.Slice(at, 8)), message.Slice(at, 8).ToArray()));
                    at += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref at);
                    fields.Add(new WireField(number, wireType, 0, message.Slice(at, length).ToArray()));
                    at += length;
                    break;
                case 5:
                    fields.Add(new WireField(number, wireType, BitConverter.ToUInt32(message.Slice(at, 4)), message.Slice(at, 4).ToArray()));
                    at += 4;
                    break;
                default:
                    throw new FormatException($"wire type {wireType} at byte {at} is not one proto3 uses");
            }
        }
        return fields;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw new FormatException("varint longer than 10 bytes");
    }

    /// <summary>Splits a gRPC body into messages: 1 byte compressed flag, 4 bytes big-endian length, payload.</summary>
    public static List<byte[]> Frames(ReadOnlySpan<byte> body)
    {
        var messages = new List<byte[]>();
        var at = 0;
        while (at < body.Length)
        {
            if (body[at] != 0)
            {
                throw new FormatException("a request message is compressed; the recorded client never compressed");
            }
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(body.Slice(at + 1, 4));
            messages.Add(body.Slice(at + 5, length).ToArray());
            at += 5 + length;
        }
        return messages;
    }

    public static byte[] Frame(byte[] message)
    {
        var framed = new byte[message.Length + 5];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), message.Length);
        message.CopyTo(framed, 5);
        return framed;
    }
}
