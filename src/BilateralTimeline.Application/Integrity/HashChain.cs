using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Application.Integrity;

/// <summary>
/// Tamper evidence: hash(n) = SHA-256(hash(n-1) ‖ canonical bytes of event n), with 32 zero bytes
/// before the first event. The canonical bytes are length-prefixed fields (so no two different
/// events share an encoding): a version tag, stream, revision, event id, type, recorded time in
/// Unix microseconds, data, and canonical metadata. The global position is left out on purpose:
/// EventStoreDB assigns it only at commit, after the hash must already be known; order is still
/// protected because each hash covers its predecessor.
/// </summary>
public static class HashChain
{
    public const int HashLength = 32;

    private static readonly byte[] VersionTag = "bt-chain/v1"u8.ToArray();

    public static ReadOnlyMemory<byte> Genesis { get; } = new byte[HashLength];

    public static byte[] Link(ReadOnlySpan<byte> previousHash, string stream, long revision, Guid eventId, string type, DateTimeOffset recorded, ReadOnlySpan<byte> data, ReadOnlySpan<byte> metadataJson)
    {
        // One buffer and one SHA-256 call: an incremental hash object per event costs more than the hashing (the one kept per thread is reused).
        var streamLength = Encoding.UTF8.GetByteCount(stream);
        var typeLength = Encoding.UTF8.GetByteCount(type);
        var total = previousHash.Length + (4 + VersionTag.Length) + (4 + streamLength) + 12 + 20 + (4 + typeLength) + 12 + (4 + data.Length) + (4 + metadataJson.Length);
        var rented = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var buffer = rented.AsSpan(0, total);
            var at = 0;
            previousHash.CopyTo(buffer);
            at += previousHash.Length;
            at += WriteField(buffer[at..], VersionTag);
            at += WriteLength(buffer[at..], streamLength);
            at += Encoding.UTF8.GetBytes(stream, buffer[at..]);
            at += WriteLength(buffer[at..], 8);
            BinaryPrimitives.WriteInt64BigEndian(buffer[at..], revision);
            at += 8;
            at += WriteLength(buffer[at..], 16);
            eventId.TryWriteBytes(buffer[at..], bigEndian: true, out _);
            at += 16;
            at += WriteLength(buffer[at..], typeLength);
            at += Encoding.UTF8.GetBytes(type, buffer[at..]);
            at += WriteLength(buffer[at..], 8);
            BinaryPrimitives.WriteInt64BigEndian(buffer[at..], ToUnixMicroseconds(recorded));
            at += 8;
            at += WriteField(buffer[at..], data);
            at += WriteField(buffer[at..], metadataJson);
            return ThreadSha256.Hash(buffer[..at]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Recomputes the hash an event should carry given its predecessor's.</summary>
    public static byte[] Expected(ReadOnlySpan<byte> previousHash, RecordedEvent e) =>
        Link(previousHash, e.Stream, e.StreamRevision, e.EventId, e.Type, e.Recorded, e.Data.Span, MetadataJson.Serialize(e.Metadata));

    /// <summary>Recorded times are kept to the microsecond, the finest every adapter can store.</summary>
    public static long ToUnixMicroseconds(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixMicroseconds(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + (micros * 10), TimeSpan.Zero);

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) => FromUnixMicroseconds(ToUnixMicroseconds(t));

    private static int WriteLength(Span<byte> destination, int length)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, length);
        return 4;
    }

    private static int WriteField(Span<byte> destination, ReadOnlySpan<byte> bytes)
    {
        WriteLength(destination, bytes.Length);
        bytes.CopyTo(destination[4..]);
        return 4 + bytes.Length;
    }
}
