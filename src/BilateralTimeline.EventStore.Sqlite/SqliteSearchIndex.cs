using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Shared;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// <see cref="ISearchIndexStore"/> in the store's SQLite file: an inverted index of the application's
/// analysed terms (a plain table clustered by term, not FTS5, because FTS5's tokenisers know no Arabic
/// stemming and would lose the offsets of the words as written). A commit is one IMMEDIATE transaction
/// that checks the checkpoint, applies the changes and moves it; WAL readers see the last commit.
/// </summary>
public sealed class SqliteSearchIndex : ISearchIndexStore
{
    private const string Create = """
        CREATE TABLE IF NOT EXISTS search_checkpoint (
            id        INTEGER PRIMARY KEY CHECK (id = 1),
            analyzer  TEXT    NOT NULL,
            position  INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS search_documents (
            key            TEXT    PRIMARY KEY,
            dyad           TEXT    NOT NULL,
            kind           TEXT    NOT NULL,
            id             TEXT    NOT NULL,
            source_id      TEXT,
            fields         TEXT    NOT NULL,
            retracted      INTEGER NOT NULL,
            superseded_by  TEXT,
            position       INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS search_documents_by_dyad ON search_documents (dyad);
        CREATE TABLE IF NOT EXISTS search_postings (
            term   TEXT    NOT NULL,
            dyad   TEXT    NOT NULL,
            key    TEXT    NOT NULL,
            field  INTEGER NOT NULL,
            start  INTEGER NOT NULL,
            stop   INTEGER NOT NULL,
            PRIMARY KEY (term, dyad, key, field, start)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS search_postings_by_key ON search_postings (key);
        """;

    private readonly string _connectionString;

    private SqliteSearchIndex(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens the search tables of the store at <paramref name="path"/>, creating them on first use.</summary>
    public static SqliteSearchIndex Open(string path)
    {
        var connectionString = SqliteServingSchema.Prepare(path);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var create = SqliteProjectionStore.Command(connection, transaction, Create);
        create.ExecuteNonQuery();
        transaction.Commit();
        return new SqliteSearchIndex(connectionString);
    }

    public async Task<SearchCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadCheckpointAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task CommitAsync(string analyzer, long expectedPosition, long position, IReadOnlyList<SearchIndexChange> changes, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var stored = await ReadCheckpointAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        SearchIndexRows.EnsureCommitFrom(stored, analyzer, expectedPosition);
        await using var deletePostings = SqliteProjectionStore.Command(connection, transaction, "DELETE FROM search_postings WHERE key = $k;", ("$k", ""));
        await using var putDocument = SqliteProjectionStore.Command(connection, transaction, """
            INSERT OR REPLACE INTO search_documents (key, dyad, kind, id, source_id, fields, retracted, superseded_by, position)
            VALUES ($k, $dyad, $kind, $id, $source, $fields, $retracted, $superseded, $pos);
            """, ("$k", ""), ("$dyad", ""), ("$kind", ""), ("$id", ""), ("$source", DBNull.Value), ("$fields", ""), ("$retracted", 0), ("$superseded", DBNull.Value), ("$pos", 0L));
        await using var putPosting = SqliteProjectionStore.Command(connection, transaction,
            "INSERT OR REPLACE INTO search_postings (term, dyad, key, field, start, stop) VALUES ($t, $dyad, $k, $f, $s, $e);",
            ("$t", ""), ("$dyad", ""), ("$k", ""), ("$f", 0), ("$s", 0), ("$e", 0));
        await using var flag = SqliteProjectionStore.Command(connection, transaction,
            "UPDATE search_documents SET retracted = retracted OR $r, superseded_by = coalesce($by, superseded_by), position = $pos WHERE key = $k;",
            ("$r", 0), ("$by", DBNull.Value), ("$pos", 0L), ("$k", ""));
        foreach (var change in changes)
        {
            switch (change)
            {
                case SearchDocumentPut put:
                    var d = put.Document;
                    deletePostings.Parameters["$k"].Value = d.Key;
                    await deletePostings.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    Set(putDocument, ("$k", d.Key), ("$dyad", d.Dyad), ("$kind", d.Kind), ("$id", d.Id), ("$source", d.SourceId), ("$fields", SearchFieldsJson.Write(d.Fields)),
                        ("$retracted", d.Retracted ? 1 : 0), ("$superseded", d.SupersededBy), ("$pos", d.Position));
                    await putDocument.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    foreach (var p in put.Postings)
                    {
                        Set(putPosting, ("$t", p.Term), ("$dyad", p.Dyad), ("$k", p.Key), ("$f", p.Field), ("$s", p.Start), ("$e", p.End));
                        await putPosting.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                    break;
                case SearchDocumentFlag f:
                    Set(flag, ("$r", f.Retracted ? 1 : 0), ("$by", f.SupersededBy), ("$pos", f.Position), ("$k", f.Key));
                    await flag.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        await using (var move = SqliteProjectionStore.Command(connection, transaction,
            "INSERT INTO search_checkpoint (id, analyzer, position) VALUES (1, $a, $pos) ON CONFLICT (id) DO UPDATE SET analyzer = excluded.analyzer, position = excluded.position;",
            ("$a", analyzer), ("$pos", position)))
        {
            await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ResetAsync(string analyzer, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var reset = SqliteProjectionStore.Command(connection, transaction, """
            DELETE FROM search_postings;
            DELETE FROM search_documents;
            INSERT INTO search_checkpoint (id, analyzer, position) VALUES (1, $a, 0) ON CONFLICT (id) DO UPDATE SET analyzer = excluded.analyzer, position = 0;
            """, ("$a", analyzer)))
        {
            await reset.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SearchPosting>> FindPostingsAsync(IReadOnlyCollection<string> terms, string? dyad, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var names = terms.Select((_, i) => $"$t{i}").ToList();
        await using var command = SqliteProjectionStore.Command(connection, null,
            $"SELECT {SearchIndexRows.PostingColumns} FROM search_postings WHERE term IN ({string.Join(", ", names)}) AND ($dyad IS NULL OR dyad = $dyad);",
            [.. terms.Select((t, i) => (names[i], (object)t)), ("$dyad", (object?)dyad ?? DBNull.Value)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await SearchIndexRows.ReadPostingsAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SearchDocument>> ReadDocumentsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return [];
        }
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var names = keys.Select((_, i) => $"$k{i}").ToList();
        await using var command = SqliteProjectionStore.Command(connection, null,
            $"SELECT {SearchIndexRows.DocumentColumns} FROM search_documents WHERE key IN ({string.Join(", ", names)});",
            [.. keys.Select((k, i) => (names[i], (object)k))]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await SearchIndexRows.ReadDocumentsAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountDocumentsAsync(string? dyad, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqliteProjectionStore.Command(connection, null, "SELECT count(*) FROM search_documents WHERE $dyad IS NULL OR dyad = $dyad;", ("$dyad", (object?)dyad ?? DBNull.Value));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
    }

    private static async Task<SearchCheckpoint> ReadCheckpointAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = SqliteProjectionStore.Command(connection, transaction, $"SELECT {SearchIndexRows.CheckpointColumns} FROM search_checkpoint WHERE id = 1;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await SearchIndexRows.ReadCheckpointAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private static void Set(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
