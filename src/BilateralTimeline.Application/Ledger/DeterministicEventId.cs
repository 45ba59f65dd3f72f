using System.Security.Cryptography;
using System.Text;

namespace BilateralTimeline.Application.Ledger;

/// <summary>
/// Event ids derived from what the event is about (stream, wire type, key), so that recording the
/// same thing twice, even from two processes racing, lands on the store's idempotent append.
/// </summary>
public static class DeterministicEventId
{
    public static Guid For(string stream, string wireType, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{stream}\n{wireType}\n{key}"));
        // RFC 9562 version 8 (custom) with the RFC variant bits.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
