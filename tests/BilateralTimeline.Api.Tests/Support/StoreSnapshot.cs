using System.Security.Cryptography;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Tests.Support;

/// <summary>
/// What a store holds, to show that refused input changed nothing: on SQLite the SHA-256 of the file
/// and its WAL, byte for byte; on PostgreSQL every event row (position, id, hash) and every key row.
/// Servers compared this way run without the projection runner, which writes checkpoints on its own.
/// </summary>
public static class StoreSnapshot
{
    public static async Task<string> TakeAsync(ApiServer server)
    {
        if (server.DbPath is { } db)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var file in new[] { db, db + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes);
                sha.AppendData(bytes);
            }
            return Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        var rows = new List<string>();
        await foreach (var e in server.Store.ReadAllAsync(0, ReadDirection.Forwards, int.MaxValue))
        {
            rows.Add($"{e.GlobalPosition}:{e.EventId}:{Convert.ToHexString(e.Hash.Span)}");
        }
        foreach (var key in await server.KeysFromElsewhere().ListAsync())
        {
            rows.Add(key.ToString());
        }
        return string.Join('\n', rows);
    }
}
