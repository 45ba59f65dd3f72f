using Microsoft.Data.Sqlite;

namespace BilateralTimeline.Cli.Tests.Hostile;

/// <summary>Edits a store file with plain SQL, as anyone with write access to it could: triggers are dropped first.</summary>
internal static class StoreFile
{
    public static void Execute(string db, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes every event after <paramref name="lastKept"/>; with <paramref name="moveHead"/> the head record is rewritten to match.</summary>
    public static void CutTail(string db, long lastKept, bool moveHead = false)
    {
        Execute(db, $"DROP TRIGGER events_are_never_deleted; DELETE FROM events WHERE position > {lastKept};");
        if (moveHead)
        {
            Execute(db, $"DROP TRIGGER head_never_moves_back; UPDATE head SET position = {lastKept}, hash = coalesce((SELECT hash FROM events WHERE position = {lastKept}), zeroblob(32));");
        }
    }

    /// <summary>Swaps the data of two events, each keeping its own type, stream and hash.</summary>
    public static void SwapData(string db, long a, long b) => Execute(db, $"""
        DROP TRIGGER events_are_never_updated;
        CREATE TEMP TABLE swap AS SELECT position, data FROM events WHERE position IN ({a}, {b});
        UPDATE events SET data = (SELECT data FROM swap WHERE position = {b}) WHERE position = {a};
        UPDATE events SET data = (SELECT data FROM swap WHERE position = {a}) WHERE position = {b};
        """);

    public static long Count(string db) => Scalar(db, "SELECT count(*) FROM events");

    public static long LastPosition(string db) => Scalar(db, "SELECT coalesce(max(position), 0) FROM events");
}
