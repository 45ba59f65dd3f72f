using System.Security.Cryptography;

namespace BilateralTimeline.Application.Integrity;

/// <summary>
/// SHA-256 through one hash object kept per thread and reset after each use. The one-shot call sets up
/// the digest afresh each time, which on two cores hashing at once (an import's events are serialised
/// and their ids derived in parallel, while its chain is hashed) cost a third more CPU per hash than on
/// one; a reused object costs less than the one-shot call even on one core and does not contend.
/// </summary>
internal static class ThreadSha256
{
    [ThreadStatic]
    private static IncrementalHash? t_hash;

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = t_hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            hash.AppendData(data);
            hash.GetHashAndReset(destination);
        }
        catch
        {
            // Never reuse an object left half-way through a hash.
            t_hash = null;
            hash.Dispose();
            throw;
        }
    }

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var destination = new byte[SHA256.HashSizeInBytes];
        Hash(data, destination);
        return destination;
    }
}
