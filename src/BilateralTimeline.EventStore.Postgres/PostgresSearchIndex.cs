using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Shared;
using Npgsql;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>
/// <see cref="ISearchIndexStore"/> in the store's schema: an inverted index of the application's analysed
/// terms, not a tsvector, because PostgreSQL's text search configurations have no Arabic stemmer and
/// a tsvector keeps word positions, not the offsets of the words as written. A commit locks the
/// checkpoint row, checks it, applies the changes and moves it in one transaction (MVCC readers see the
/// last commit).
/// </summary>
public sealed class PostgresSearchIndex : ISearchIndexStore
{
    private readonly PostgresLocation _at;
    private readonly string _s;

    private PostgresSearchIndex(PostgresLocation at)
    {
        _at = at;
        _s = at.Quoted;
    }

    /// <summary>
    /// Opens the search tables in the store's schema, creating them on first use. They are made here,
    /// under an advisory lock, rather than as a numbered schema migration: they hold only what can be
    /// rebuilt from the log, so a store without them is not behind, and bt migrate stays about the log.
    /// </summary>
    public static async Task<PostgresSearchIndex> OpenAsync(PostgresLocation at, CancellationToken cancellationToken = default)
    {
        var s = at.Quoted;
        await using var connection = await PostgresConnections.OpenAsync(at, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = Command(connection, transaction, $"""
            SELECT pg_advisory_xact_lock(hashtext('bt-search:{at.Schema}'));
            CREATE TABLE IF NOT EXISTS {s}.search_checkpoint (
                id        integer PRIMARY KEY CHECK (id = 1),
                analyzer  text,
                position  bigint  NOT NULL
            );
            INSERT INTO {s}.search_checkpoint (id, analyzer, position) VALUES (1, NULL, 0) ON CONFLICT (id) DO NOTHING;
            CREATE TABLE IF NOT EXISTS {s}.search_documents (
                key            text    PRIMARY KEY,
                dyad           text    NOT NULL,
                kind           text    NOT NULL,
                id             text    NOT NULL,
                source_id      text,
                fields         text    NOT NULL,
                retracted      boolean NOT NULL,
                superseded_by  text,
                position       bigint  NOT NULL
            );
            CREATE INDEX IF NOT EXISTS search_documents_by_dyad ON {s}.search_documents (dyad);
            CREATE TABLE IF NOT EXISTS {s}.search_postings (
                term   text    NOT NULL,
                dyad   text    NOT NULL,
                key    text    NOT NULL,
                field  integer NOT NULL,
                start  integer NOT NULL,
                stop   integer NOT NULL,
                PRIMARY KEY (term, dyad, key, field, start)
            );
            CREATE INDEX IF NOT EXISTS search_postings_by_key ON {s}.search_postings (key);
            """))
        {
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidSchemaName)
            {
                throw new EventStoreUnavailableException($"{at.Describe()}: schema '{at.Schema}' is not a store yet: run bt migrate (or any bt command) on it first", e);
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PostgresSearchIndex(at);
    }

    public async Task<SearchCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadCheckpointAsync(connection, null, "", cancellationToken).ConfigureAwait(false);
    }

    public async Task CommitAsync(string analyzer, long expectedPosition, long position, IReadOnlyList<SearchIndexChange> changes, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var stored = await ReadCheckpointAsync(connection, transaction, " FOR UPDATE", cancellationToken).ConfigureAwait(false);
        SearchIndexRows.EnsureCommitFrom(stored, analyzer, expectedPosition);
        await using var batch = new NpgsqlBatch(connection, transaction);
        // A document is put once (its recording event); flags come later in the log, so applying the
        // batch's puts before its flags is the log's order. A key put twice keeps its last put, as the
        // SQLite adapter's statement-by-statement replace does (one INSERT cannot touch a row twice).
        var puts = changes.OfType<SearchDocumentPut>().GroupBy(p => p.Key, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        if (puts.Count > 0)
        {
            var documents = puts.Select(p => p.Document).ToList();
            var postings = puts.SelectMany(p => p.Postings).ToList();
            batch.BatchCommands.Add(BatchCommand($"DELETE FROM {_s}.search_postings WHERE key = ANY($1)", (object)documents.Select(d => d.Key).ToArray()));
            batch.BatchCommands.Add(BatchCommand($"""
                INSERT INTO {_s}.search_documents (key, dyad, kind, id, source_id, fields, retracted, superseded_by, position)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[], $9::bigint[])
                ON CONFLICT (key) DO UPDATE SET dyad = excluded.dyad, kind = excluded.kind, id = excluded.id, source_id = excluded.source_id, fields = excluded.fields,
                    retracted = excluded.retracted, superseded_by = excluded.superseded_by, position = excluded.position
                """,
                documents.Select(d => d.Key).ToArray(), documents.Select(d => d.Dyad).ToArray(), documents.Select(d => d.Kind).ToArray(), documents.Select(d => d.Id).ToArray(),
                documents.Select(d => d.SourceId).ToArray(), documents.Select(d => SearchFieldsJson.Write(d.Fields)).ToArray(), documents.Select(d => d.Retracted).ToArray(),
                documents.Select(d => d.SupersededBy).ToArray(), documents.Select(d => d.Position).ToArray()));
            if (postings.Count > 0)
            {
                batch.BatchCommands.Add(BatchCommand($"""
                    INSERT INTO {_s}.search_postings (term, dyad, key, field, start, stop)
                    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::integer[], $6::integer[])
                    ON CONFLICT DO NOTHING
                    """,
                    postings.Select(p => p.Term).ToArray(), postings.Select(p => p.Dyad).ToArray(), postings.Select(p => p.Key).ToArray(),
                    postings.Select(p => p.Field).ToArray(), postings.Select(p => p.Start).ToArray(), postings.Select(p => p.End).ToArray()));
            }
        }
        foreach (var flag in changes.OfType<SearchDocumentFlag>())
        {
            batch.BatchCommands.Add(BatchCommand($"""
                UPDATE {_s}.search_documents SET retracted = retracted OR $2, superseded_by = coalesce($3, superseded_by), position = $4 WHERE key = $1
                """, flag.Key, flag.Retracted, new NpgsqlParameter<string?> { TypedValue = flag.SupersededBy, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }, flag.Position));
        }
        batch.BatchCommands.Add(BatchCommand($"UPDATE {_s}.search_checkpoint SET analyzer = $1, position = $2 WHERE id = 1", analyzer, position));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ResetAsync(string analyzer, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        // Locked first, so an indexer committing now either finishes before the reset or finds its checkpoint gone.
        batch.BatchCommands.Add(BatchCommand($"SELECT position FROM {_s}.search_checkpoint WHERE id = 1 FOR UPDATE"));
        batch.BatchCommands.Add(BatchCommand($"DELETE FROM {_s}.search_postings"));
        batch.BatchCommands.Add(BatchCommand($"DELETE FROM {_s}.search_documents"));
        batch.BatchCommands.Add(BatchCommand($"UPDATE {_s}.search_checkpoint SET analyzer = $1, position = 0 WHERE id = 1", analyzer));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SearchPosting>> FindPostingsAsync(IReadOnlyCollection<string> terms, string? dyad, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {SearchIndexRows.PostingColumns} FROM {_s}.search_postings WHERE term = ANY($1) AND ($2::text IS NULL OR dyad = $2)",
            terms.ToArray(), new NpgsqlParameter<string?> { TypedValue = dyad, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
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
        await using var command = Command(connection, null,
            $"SELECT {SearchIndexRows.DocumentColumns} FROM {_s}.search_documents WHERE key = ANY($1)", (object)keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await SearchIndexRows.ReadDocumentsAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountDocumentsAsync(string? dyad, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT count(*) FROM {_s}.search_documents WHERE $1::text IS NULL OR dyad = $1",
            new NpgsqlParameter<string?> { TypedValue = dyad, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
    }

    private async Task<SearchCheckpoint> ReadCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string locking, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT {SearchIndexRows.CheckpointColumns} FROM {_s}.search_checkpoint WHERE id = 1{locking}");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await SearchIndexRows.ReadCheckpointAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => PostgresConnections.OpenAsync(_at, cancellationToken);

    // A lone array argument must be passed as (object)array: C# would otherwise spread it over params.
    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }
        return command;
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
