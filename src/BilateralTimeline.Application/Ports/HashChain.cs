using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BilateralTimeline.Application.Ports;

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
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(previousHash);
        Append(sha, VersionTag);
        Append(sha, Encoding.UTF8.GetBytes(stream));
        AppendInt64(sha, revision);
        Span<byte> id = stackalloc byte[16];
        eventId.TryWriteBytes(id, bigEndian: true, out _);
        Append(sha, id);
        Append(sha, Encoding.UTF8.GetBytes(type));
        AppendInt64(sha, ToUnixMicroseconds(recorded));
        Append(sha, data);
        Append(sha, metadataJson);
        return sha.GetHashAndReset();
    }

    /// <summary>Recomputes the hash an event should carry given its predecessor's.</summary>
    public static byte[] Expected(ReadOnlySpan<byte> previousHash, RecordedEvent e) =>
        Link(previousHash, e.Stream, e.StreamRevision, e.EventId, e.Type, e.Recorded, e.Data.Span, MetadataJson.Serialize(e.Metadata));

    /// <summary>Recorded times are kept to the microsecond, the finest every adapter can store.</summary>
    public static long ToUnixMicroseconds(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixMicroseconds(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + (micros * 10), TimeSpan.Zero);

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) => FromUnixMicroseconds(ToUnixMicroseconds(t));

    private static void Append(IncrementalHash sha, ReadOnlySpan<byte> bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        sha.AppendData(length);
        sha.AppendData(bytes);
    }

    private static void AppendInt64(IncrementalHash sha, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        sha.AppendData(bytes);
    }
}
