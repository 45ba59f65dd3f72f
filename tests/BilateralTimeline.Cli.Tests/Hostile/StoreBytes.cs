using System.Security.Cryptography;

namespace BilateralTimeline.Cli.Tests.Hostile;

/// <summary>
/// The store's files as bytes (the database and a non-empty WAL), to show that a refused input left
/// the store exactly as it was, not merely with the same events.
/// </summary>
internal sealed record StoreBytes(string Database, string Wal)
{
    public static StoreBytes Of(string db) => new(Hash(db), File.Exists(db + "-wal") ? Hash(db + "-wal") : "");

    private static string Hash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return stream.Length == 0 ? "" : Convert.ToHexString(SHA256.HashData(stream));
    }
}
