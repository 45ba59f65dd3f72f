using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BilateralTimeline.Application.Integrity;

namespace BilateralTimeline.Application.Ledger;

/// <summary>
/// Event ids derived from what the event is about (stream, wire type, key), so that recording the
/// same thing twice, even from two processes racing, lands on the store's idempotent append.
/// </summary>
public static class DeterministicEventId
{
    public static Guid For(string stream, string wireType, string key) =>
        FromHash(SHA256.HashData(Encoding.UTF8.GetBytes($"{stream}\n{wireType}\n{key}")));

    /// <summary>
    /// The id of a decided event: <see cref="For"/> with the key "revision:index:SHA-256 of the event's
    /// bytes in upper-case hex", the text written straight into a buffer, not built as strings (an import
    /// derives a hundred thousand of them).
    /// </summary>
    public static Guid ForDecided(string stream, string wireType, long revision, int index, ReadOnlySpan<byte> data)
    {
        Span<byte> dataHash = stackalloc byte[32];
        ThreadSha256.Hash(data, dataHash);
        var length = Encoding.UTF8.GetByteCount(stream) + Encoding.UTF8.GetByteCount(wireType) + 2 + 20 + 1 + 11 + 1 + (dataHash.Length * 2);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan();
            var at = Encoding.UTF8.GetBytes(stream, buffer);
            buffer[at++] = (byte)'\n';
            at += Encoding.UTF8.GetBytes(wireType, buffer[at..]);
            buffer[at++] = (byte)'\n';
            revision.TryFormat(buffer[at..], out var written, default, CultureInfo.InvariantCulture);
            at += written;
            buffer[at++] = (byte)':';
            index.TryFormat(buffer[at..], out written, default, CultureInfo.InvariantCulture);
            at += written;
            buffer[at++] = (byte)':';
            Convert.TryToHexString(dataHash, buffer[at..], out written);
            at += written;
            return FromHash(ThreadSha256.Hash(buffer[..at]));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static Guid FromHash(byte[] hash)
    {
        // RFC 9562 version 8 (custom) with the RFC variant bits.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
