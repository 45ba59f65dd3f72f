using BilateralTimeline.Application.Ports;
using Npgsql;
using NpgsqlTypes;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>
/// Writes a group of appends in one transaction.
///
/// Why positions can never become visible out of order: a position taken from a sequence is handed
/// out at insert time but becomes visible at commit, so a reader may see 11 committed while 10 is still
/// in flight, move its checkpoint past 10 and never see it. Here every append transaction first locks
/// the single head row (SELECT … FOR UPDATE), takes positions head+1…, and releases the lock only by
/// committing or rolling back. The next writer can therefore choose its positions only after the
/// previous commit is visible, so the order of visibility is the order of positions, and a reader that
/// resumes after the highest position it saw cannot skip anything. A rollback takes nothing, so the
/// numbering stays gap-free, and the head also carries the previous hash, which the chain needs anyway.
/// The cost is that appends from all processes are serialised; group commit recovers throughput by
/// putting many appends of one process in one transaction and one WAL flush.
/// </summary>
internal sealed class PostgresAppender(PostgresLocation at, TimeProvider clock)
{
    private readonly string _lockHead = $"SELECT position, hash, recorded FROM {at.Quoted}.head FOR UPDATE";
    private readonly string _findIds = $"SELECT {PostgresRows.Columns} FROM {at.Quoted}.events WHERE event_id = ANY($1)";
    private readonly string _lastRevision = $"SELECT max(revision) FROM {at.Quoted}.events WHERE stream = $1";
    private readonly string _insert = $"""
        INSERT INTO {at.Quoted}.events (position, stream, revision, event_id, type, data, metadata, recorded, hash)
        SELECT $1 + n, $2, $3 + n, id, type, data, metadata, $4, hash
        FROM unnest($5::uuid[], $6::text[], $7::bytea[], $8::bytea[], $9::bytea[]) WITH ORDINALITY AS e(id, type, data, metadata, hash, n)
        """;
    private readonly string _moveHead = $"UPDATE {at.Quoted}.head SET position = $1, hash = $2, recorded = $3";

    /// <summary>
    /// Appends each request in order; one that fails (stale revision, duplicate id) is undone alone
    /// through a savepoint. Returns, per request, its result or its error. Throws when the transaction
    /// as a whole fails, in which case nothing was written.
    /// </summary>
    public async Task<object[]> AppendGroupAsync(NpgsqlConnection connection, IReadOnlyList<PostgresGroupCommit.Pending> group, CancellationToken cancellationToken)
    {
        var outcomes = new object[group.Count];
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (position, hash, lastRecorded) = await LockHeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        // Transaction time never goes backwards, even if the wall clock does, and is the same for the whole group.
        var now = HashChain.TruncateToMicroseconds(clock.GetUtcNow());
        var recorded = lastRecorded is { } last && last > now ? last : now;
        var wrote = false;
        var useSavepoints = group.Count > 1;
        for (var i = 0; i < group.Count; i++)
        {
            var pending = group[i];
            if (pending.Cancellation.IsCancellationRequested)
            {
                outcomes[i] = new OperationCanceledException(pending.Cancellation);
                continue;
            }
            if (useSavepoints)
            {
                await transaction.SaveAsync("append", cancellationToken).ConfigureAwait(false);
            }
            try
            {
                var result = await AppendOneAsync(connection, transaction, pending, position, hash, recorded, cancellationToken).ConfigureAwait(false);
                outcomes[i] = result.Result;
                if (!result.Result.AlreadyRecorded)
                {
                    position = result.Result.LastGlobalPosition;
                    hash = result.LastHash;
                    wrote = true;
                }
                if (useSavepoints)
                {
                    await transaction.ReleaseAsync("append", cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is EventStoreException || (e is PostgresException p && p.SqlState == PostgresErrorCodes.UniqueViolation))
            {
                if (!useSavepoints)
                {
                    // A group of one has nothing else to keep: the whole transaction goes.
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    outcomes[i] = e is PostgresException ? await DuplicateAsync(connection, null, pending, cancellationToken).ConfigureAwait(false) : e;
                    return outcomes;
                }
                await transaction.RollbackAsync("append", cancellationToken).ConfigureAwait(false);
                outcomes[i] = e is PostgresException ? await DuplicateAsync(connection, transaction, pending, cancellationToken).ConfigureAwait(false) : e;
            }
        }
        if (wrote)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            var move = new NpgsqlBatchCommand(_moveHead);
            move.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
            move.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
            move.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = recorded.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            batch.BatchCommands.Add(move);
            // NOTIFY is transactional: subscribers are woken only once the events are visible.
            var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
            notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = at.Channel });
            notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = position.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            batch.BatchCommands.Add(notify);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    private async Task<(AppendResult Result, byte[] LastHash)> AppendOneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresGroupCommit.Pending pending, long position, byte[] previousHash, DateTimeOffset recorded, CancellationToken cancellationToken)
    {
        var (stream, expected, events) = (pending.Stream, pending.Expected, pending.Events);
        var (firstStored, actual) = await ProbeAsync(connection, transaction, stream, events[0].EventId, cancellationToken).ConfigureAwait(false);
        if (firstStored)
        {
            var stored = await FindAsync(connection, transaction, events, cancellationToken).ConfigureAwait(false);
            var replay = AppendReplay.Find(stream, expected, events, id => stored.GetValueOrDefault(id), () => actual);
            return (replay!, previousHash);
        }
        if (!expected.IsSatisfiedBy(actual))
        {
            throw new WrongExpectedRevisionException(stream, expected, actual);
        }

        var ids = new Guid[events.Count];
        var types = new string[events.Count];
        var data = new byte[events.Count][];
        var metadata = new byte[events.Count][];
        var hashes = new byte[events.Count][];
        EventMetadata? lastMetadata = null;
        byte[] metadataBytes = [];
        var hash = previousHash;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!ReferenceEquals(e.Metadata, lastMetadata))
            {
                metadataBytes = MetadataJson.Serialize(e.Metadata);
                lastMetadata = e.Metadata;
            }
            ids[i] = e.EventId;
            types[i] = e.Type;
            data[i] = e.Data.ToArray();
            metadata[i] = metadataBytes;
            hash = HashChain.Link(hash, stream, actual + 1 + i, e.EventId, e.Type, recorded, data[i], metadataBytes);
            hashes[i] = hash;
        }
        await using (var insert = new NpgsqlCommand(_insert, connection, transaction))
        {
            // WITH ORDINALITY numbers rows from 1, so position = head + n and revision = last + n.
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = actual });
            insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = recorded.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
            insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = data });
            insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = metadata });
            insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = hashes });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return (new AppendResult(actual + events.Count, position + events.Count, AlreadyRecorded: false), hash);
    }

    private async Task<(long Position, byte[] Hash, DateTimeOffset? Recorded)> LockHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_lockHead, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new EventStoreUnavailableException($"schema '{at.Schema}' at {at.Describe()} has lost its head row; the store is damaged, restore it from a backup");
        }
        DateTimeOffset? recorded = reader.IsDBNull(2) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(2), TimeSpan.Zero);
        return (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), recorded);
    }

    /// <summary>One round trip: is the first id stored, and where is the stream.</summary>
    private async Task<(bool FirstStored, long LastRevision)> ProbeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string stream, Guid firstId, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var find = new NpgsqlBatchCommand($"SELECT count(*) FROM {at.Quoted}.events WHERE event_id = $1");
        find.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = firstId });
        var last = new NpgsqlBatchCommand(_lastRevision);
        last.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        batch.BatchCommands.Add(find);
        batch.BatchCommands.Add(last);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var firstStored = reader.GetInt64(0) > 0;
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var revision = reader.IsDBNull(0) ? -1 : reader.GetInt64(0);
        return (firstStored, revision);
    }

    private async Task<Dictionary<Guid, RecordedEvent>> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_findIds, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = events.Select(e => e.EventId).ToArray() });
        var rows = new PostgresRows();
        var found = new Dictionary<Guid, RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var e = rows.Decode(reader);
            found[e.EventId] = e;
        }
        return found;
    }

    /// <summary>A later id of the append is stored already: name it and the stream that holds it.</summary>
    private async Task<Exception> DuplicateAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, PostgresGroupCommit.Pending pending, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(connection, transaction, pending.Events, cancellationToken).ConfigureAwait(false);
        var clash = pending.Events.FirstOrDefault(e => stored.ContainsKey(e.EventId));
        return clash is null
            ? new DuplicateEventIdException(pending.Events[0].EventId, pending.Stream)
            : new DuplicateEventIdException(clash.EventId, stored[clash.EventId].Stream);
    }
}
