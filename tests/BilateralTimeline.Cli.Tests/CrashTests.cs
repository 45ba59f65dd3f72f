using System.Diagnostics;
using BilateralTimeline.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.Cli.Tests;

/// <summary>A writer killed mid-append must leave whole appends only, and a chain that still verifies.</summary>
public sealed class CrashTests
{
    private const int Streams = 50;
    private const int Batch = 1_000;

    [Fact]
    public async Task Killing_a_writer_mid_append_leaves_only_whole_appends_and_an_intact_chain()
    {
        using var bt = new BtSandbox();
        var db = bt.Db;

        // Given a bt process busy appending batches of 1,000 events (the benchmark's writer)
        // A benchmark run takes its stores from the environment (so passwords stay out of process lists).
        var stores = new Dictionary<string, string> { ["BT_BENCH_TARGET"] = db, ["BT_BENCH_COPY_TARGET"] = db + ".copy" };
        using (var writer = BtChild.Start(BtProcess.BtDll, bt.Folder, ["bench", "--one-run", "sqlite", "--events", "5000000", "--streams", $"{Streams}", "--batch", $"{Batch}"], stores))
        {
            // When it is killed (SIGKILL: no clean-up, no checkpoint) once it has written a good part
            // The 50 single appends alone fill about 4 MB of WAL (five 16 KB pages per commit, the head record's
            // among them), so wait for twice that: batches have then been committed, and one is likely in flight.
            await WaitUntilAsync(() => File.Exists(db + "-wal") && new FileInfo(db + "-wal").Length > 8_000_000, TimeSpan.FromSeconds(60));
            writer.Kill(entireProcessTree: true);
            await writer.WaitForExitAsync();
        }

        // Then every stream holds its single first event plus whole batches, positions have no gaps …
        using (var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            var counts = Query(connection, "SELECT count(*) FROM events GROUP BY stream").ToList();
            Assert.Equal(Streams, counts.Count);
            Assert.All(counts, count => Assert.Equal(0, (count - 1) % Batch));
            Assert.Contains(counts, count => count > 1);
            var total = Query(connection, "SELECT count(*) FROM events").Single();
            Assert.Equal(total, Query(connection, "SELECT max(position) FROM events").Single());
        }

        // … and the hash chain verifies after recovery
        var verify = await bt.Bt("verify");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("OK", verify.Stdout, StringComparison.Ordinal);
    }

    private static IEnumerable<long> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return reader.GetInt64(0);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < timeout, "the writer did not get far enough in time");
            await Task.Delay(20);
        }
    }
}
