using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.Cli.Tests.Support;

/// <summary>
/// Direct SQL on a store file bt left, as a careless edit or an auditor's look would do it, and the oracle of the
/// stored query parts: the same question asked of a copy with the named derived projections removed, so that
/// process folds the whole stream.
/// </summary>
internal static class StoreFile
{
    public static long Count(string db, string sql)
    {
        using var connection = Open(db);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static void Execute(string db, string sql)
    {
        using var connection = Open(db);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Stored rows of the projections named <c>PREFIX:…</c>.</summary>
    public static long Rows(string db, string prefix) =>
        Count(db, $"SELECT count(*) FROM projection_rows WHERE projection LIKE '{prefix}:%';");

    /// <summary>bt with <paramref name="args"/> on a copy of the sandbox's store without the projections named <c>PREFIX:…</c> for each of <paramref name="prefixes"/>.</summary>
    public static Task<BtResult> WithoutAsync(BtSandbox bt, string[] prefixes, params string[] args)
    {
        var copy = bt.PathOf($"unfolded-{Guid.NewGuid():N}.db");
        Execute(bt.Db, $"VACUUM INTO '{copy}';");
        var derived = string.Join(" OR ", prefixes.Select(p => $"projection LIKE '{p}:%'"));
        Execute(copy, $"DELETE FROM projection_rows WHERE {derived}; DELETE FROM projection_checkpoints WHERE {derived};");
        return bt.BtRaw(["--db", copy, .. args]);
    }

    /// <summary>The run's standard output, once it exited 0 (else the test fails with what it printed).</summary>
    public static async Task<string> Ok(Task<BtResult> running)
    {
        var run = await running;
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Stdout;
    }

    private static SqliteConnection Open(string db)
    {
        var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        return connection;
    }
}
