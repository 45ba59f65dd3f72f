using BilateralTimeline.Application.Ports;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// Tables for what serving needs beside the log (projection rows, checkpoints, API keys), in the same
/// file as the events so a projection commit and its checkpoint share one transaction. Created on
/// first use of an existing store; a file that is not a BilateralTimeline store is refused.
/// </summary>
internal static class SqliteServingSchema
{
    private const string Create = """
        CREATE TABLE IF NOT EXISTS projection_live (
            projection  TEXT    PRIMARY KEY,
            version     INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS projection_checkpoints (
            projection  TEXT    NOT NULL,
            version     INTEGER NOT NULL,
            position    INTEGER NOT NULL,
            updated     INTEGER NOT NULL,
            PRIMARY KEY (projection, version)
        );
        CREATE TABLE IF NOT EXISTS projection_rows (
            projection  TEXT    NOT NULL,
            version     INTEGER NOT NULL,
            key         TEXT    NOT NULL,
            document    TEXT    NOT NULL,
            position    INTEGER NOT NULL,
            PRIMARY KEY (projection, version, key)
        );
        CREATE INDEX IF NOT EXISTS projection_rows_by_position ON projection_rows (projection, version, position);
        CREATE TABLE IF NOT EXISTS api_keys (
            id       TEXT    PRIMARY KEY,
            sha256   TEXT    NOT NULL UNIQUE,
            role     TEXT    NOT NULL,
            name     TEXT    NOT NULL,
            created  INTEGER NOT NULL
        );
        """;

    // Added after the first stores were made: who made a key, and who revoked it and when. Stores made
    // before get the columns on first open (old keys keep a null creator).
    private static readonly (string Column, string Type)[] KeyAuditColumns = [("created_by", "TEXT"), ("revoked", "INTEGER"), ("revoked_by", "TEXT")];

    /// <summary>A connection string for <paramref name="path"/>, which must already be a store (open it with <see cref="SqliteEventStore"/> first).</summary>
    public static string Prepare(string path)
    {
        var full = Path.GetFullPath(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA application_id;";
            if (Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != SqliteSchema.ApplicationId)
            {
                throw new EventStoreUnavailableException($"'{full}' is not a BilateralTimeline store; open it as a store first (any bt command creates one)");
            }
            using var transaction = connection.BeginTransaction();
            using var create = connection.CreateCommand();
            create.Transaction = transaction;
            create.CommandText = Create;
            create.ExecuteNonQuery();
            AddMissingColumns(connection, transaction);
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            throw new EventStoreUnavailableException($"'{full}': cannot prepare the serving tables: {e.Message}", e);
        }
        return connectionString;
    }

    // The transaction is IMMEDIATE (Microsoft.Data.Sqlite's default), so two processes opening an old
    // store at once cannot both see a column missing and both add it.
    private static void AddMissingColumns(SqliteConnection connection, SqliteTransaction transaction)
    {
        foreach (var (column, type) in KeyAuditColumns)
        {
            using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT count(*) FROM pragma_table_info('api_keys') WHERE name = $name;";
            check.Parameters.AddWithValue("$name", column);
            if (Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                using var add = connection.CreateCommand();
                add.Transaction = transaction;
                add.CommandText = $"ALTER TABLE api_keys ADD COLUMN {column} {type};";
                add.ExecuteNonQuery();
            }
        }
    }
}
