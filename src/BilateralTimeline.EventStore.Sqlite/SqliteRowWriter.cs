using BilateralTimeline.Application.Ports;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// Writes a projection commit's rows inside its open transaction, through two statements prepared once
/// per commit and bound by position. A decider index catch-up after a large import writes thousands of
/// rows, where binding each parameter by name (Microsoft.Data.Sqlite looks every name up per execution)
/// cost as much as SQLite's own work.
/// </summary>
internal static class SqliteRowWriter
{
    private const string Upsert = """
        INSERT INTO projection_rows (projection, version, key, document, position) VALUES (?1, ?2, ?3, ?4, ?5)
        ON CONFLICT (projection, version, key) DO UPDATE SET document = excluded.document, position = excluded.position;
        """;

    private const string Delete = "DELETE FROM projection_rows WHERE projection = ?1 AND version = ?2 AND key = ?3;";

    public static void Write(SqliteConnection connection, string projection, int version, long position, IReadOnlyList<ProjectionRowChange> changes)
    {
        var db = connection.Handle!;
        sqlite3_stmt? upsert = null;
        sqlite3_stmt? delete = null;
        try
        {
            foreach (var change in changes)
            {
                if (change.Document is { } document)
                {
                    upsert ??= Prepare(db, Upsert, projection, version);
                    raw.sqlite3_bind_int64(upsert, 5, position);
                    raw.sqlite3_bind_text(upsert, 3, change.Key);
                    // Bound as UTF-16, converted by SQLite: binding it as UTF-8 copied every document into a new byte array
                    // first (an import's index rows, some 30 MB per 100,000 events). The stored text is the same: the documents
                    // are JSON, which holds no lone surrogate.
                    raw.sqlite3_bind_text16(upsert, 4, document.AsSpan());
                    Step(db, upsert);
                }
                else
                {
                    delete ??= Prepare(db, Delete, projection, version);
                    raw.sqlite3_bind_text(delete, 3, change.Key);
                    Step(db, delete);
                }
            }
        }
        finally
        {
            upsert?.Dispose();
            delete?.Dispose();
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql, string projection, int version)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        raw.sqlite3_bind_text(statement, 1, projection);
        raw.sqlite3_bind_int64(statement, 2, version);
        return statement;
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        // Reset keeps the bindings: the projection and version are bound once.
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
