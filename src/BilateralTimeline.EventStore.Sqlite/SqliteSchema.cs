using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// Creates and checks the schema. The file is marked with an application id so that we never write
/// into somebody else's database, and with a schema version so that an older build refuses a newer file.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>"BTL1" in ASCII.</summary>
    public const int ApplicationId = 0x42544C31;

    public const int CurrentVersion = 2;

    // position is the rowid: assigned as last + 1 inside the write transaction, so it is gap-free.
    // Type names and metadata live in their own tables: a type name repeats on every event of its kind
    // and one metadata object is shared by all events of an append, so each row stores a small id
    // instead (a sixth of a typical row). The triggers make all three append-only even for tools that
    // bypass this adapter.
    private const string CreateV1 = """
        CREATE TABLE event_types (
            id    INTEGER PRIMARY KEY,
            name  TEXT NOT NULL UNIQUE
        );
        CREATE TABLE event_metadata (
            id    INTEGER PRIMARY KEY,
            json  BLOB NOT NULL
        );
        CREATE TABLE events (
            position     INTEGER PRIMARY KEY,
            stream       TEXT    NOT NULL,
            revision     INTEGER NOT NULL,
            event_id     BLOB    NOT NULL UNIQUE,
            type_id      INTEGER NOT NULL REFERENCES event_types (id),
            data         BLOB    NOT NULL,
            metadata_id  INTEGER NOT NULL REFERENCES event_metadata (id),
            recorded     INTEGER NOT NULL,
            hash         BLOB    NOT NULL,
            UNIQUE (stream, revision)
        );
        CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are immutable: record a correction instead'); END;
        CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are immutable: record a retraction instead'); END;
        CREATE TRIGGER event_types_are_never_changed BEFORE UPDATE ON event_types
        BEGIN SELECT RAISE(ABORT, 'event types are immutable'); END;
        CREATE TRIGGER event_types_are_never_deleted BEFORE DELETE ON event_types
        BEGIN SELECT RAISE(ABORT, 'event types are immutable'); END;
        CREATE TRIGGER event_metadata_is_never_changed BEFORE UPDATE ON event_metadata
        BEGIN SELECT RAISE(ABORT, 'event metadata is immutable'); END;
        CREATE TRIGGER event_metadata_is_never_deleted BEFORE DELETE ON event_metadata
        BEGIN SELECT RAISE(ABORT, 'event metadata is immutable'); END;
        """;

    // Version 2: the head record, moved in the same transaction as every append. The log alone cannot
    // show that events were cut from its end; the head can, and new positions follow the head, so a
    // position once handed out is never handed out again. Its value on upgrade is the log's end then.
    private const string UpgradeToV2 = """
        CREATE TABLE head (
            singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
            position   INTEGER NOT NULL,
            hash       BLOB    NOT NULL,
            recorded   INTEGER NOT NULL
        );
        INSERT INTO head (singleton, position, hash, recorded)
        SELECT 1, coalesce(max(position), 0),
               coalesce((SELECT hash FROM events ORDER BY position DESC LIMIT 1), zeroblob(32)),
               coalesce((SELECT recorded FROM events ORDER BY position DESC LIMIT 1), 0)
        FROM events;
        CREATE TRIGGER head_is_never_deleted BEFORE DELETE ON head
        BEGIN SELECT RAISE(ABORT, 'the head record is kept for ever'); END;
        CREATE TRIGGER head_never_moves_back BEFORE UPDATE ON head WHEN NEW.position < OLD.position
        BEGIN SELECT RAISE(ABORT, 'the head never moves back: positions are never reused'); END;
        PRAGMA user_version = 2;
        """;

    /// <summary>Creates or upgrades the schema; returns the version the file had (0: new).</summary>
    public static int EnsureCreated(SqliteConnection connection, string path)
    {
        var (applicationId, version, tables) = Header(connection);

        if (applicationId == 0 && tables == 0)
        {
            // Larger pages waste less space at the end of each page for ~0.5 KB rows, and a page size
            // can only be chosen before the first table exists.
            using (var pageSize = connection.CreateCommand())
            {
                pageSize.CommandText = "PRAGMA page_size = 16384;";
                pageSize.ExecuteNonQuery();
            }
            // Several bt processes may open a new file at once (a desk importing side by side): the
            // write lock makes one of them create the schema, and the others find it made.
            using var transaction = connection.BeginTransaction(deferred: false);
            if (Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table';", transaction) == 0)
            {
                Execute(connection, transaction, CreateV1);
                Execute(connection, transaction, UpgradeToV2);
                Execute(connection, transaction, $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {CurrentVersion};");
                transaction.Commit();
                return 0;
            }
            transaction.Rollback();
            (applicationId, version, tables) = Header(connection);
        }
        if (applicationId != ApplicationId)
        {
            throw new Application.Ports.EventStoreUnavailableException(
                $"'{path}' is a SQLite database but not a BilateralTimeline store (it has {tables} table(s) of its own); choose another --db path");
        }
        if (version > CurrentVersion)
        {
            throw new Application.Ports.EventStoreUnavailableException(
                $"'{path}' has schema version {version}, newer than this build understands ({CurrentVersion}); upgrade bt");
        }
        var hasEvents = Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events';");
        if (hasEvents != 1)
        {
            throw new Application.Ports.EventStoreUnavailableException($"'{path}' is marked as a BilateralTimeline store but its events table is missing: the file is damaged");
        }
        if (version < 2)
        {
            Upgrade(connection);
        }
        else if (Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'head';") != 1)
        {
            throw new Application.Ports.EventStoreUnavailableException($"'{path}' is marked as a BilateralTimeline store but its head table is missing: the file is damaged or was tampered with; restore it from a backup");
        }
        return (int)version;
    }

    /// <summary>Many processes may open an old file at once: the write lock orders them and the loser finds the work done.</summary>
    private static void Upgrade(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Scalar(connection, "PRAGMA user_version;", transaction) < 2)
        {
            Execute(connection, transaction, UpgradeToV2);
        }
        transaction.Commit();
    }

    /// <summary>
    /// The file's marks read in one transaction, so a store another process is creating right now is
    /// seen either not yet made or made, never half (its tables without its application id).
    /// </summary>
    private static (long ApplicationId, long Version, long Tables) Header(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var header = (
            Scalar(connection, "PRAGMA application_id;", transaction),
            Scalar(connection, "PRAGMA user_version;", transaction),
            Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table';", transaction));
        transaction.Commit();
        return header;
    }

    private static long Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
