using System.Security.Cryptography;
using System.Text;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>
/// Name-based UUIDs (RFC 9562 §5.5, version 5): SHA-1 over the namespace's bytes in network order
/// followed by the name's UTF-8, truncated to 16 bytes, with the version and variant bits set. The same
/// name always yields the same id, which is what makes a re-export byte-identical.
/// </summary>
public static class UuidV5
{
    /// <summary>The namespace of every id this project derives for STIX; fixed forever, or ids would change between releases.</summary>
    public static readonly Guid BilateralTimeline = new("6f1c2b1e-8d4a-4a4e-9b7e-3c5d2f0a9e61");

    public static string Create(Guid ns, string name)
    {
        Span<byte> input = stackalloc byte[16];
        if (!ns.TryWriteBytes(input, bigEndian: true, out _))
        {
            throw new InvalidOperationException("a Guid always fits in 16 bytes");
        }
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        input.CopyTo(buffer);
        nameBytes.CopyTo(buffer, 16);
        var hash = SHA1.HashData(buffer);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}
