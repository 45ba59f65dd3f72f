using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.EventStore.Shared;
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

    // A statement of its own after the lock: under READ COMMITTED it sees the append that held the lock before us.
    private readonly string _lastEvent = $"SELECT position, hash FROM {at.Quoted}.events ORDER BY position DESC LIMIT 1";
    private readonly string _findFirst = $"SELECT count(*) FROM {at.Quoted}.events WHERE event_id = $1";
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
    public async Task<object[]> AppendGroupAsync(NpgsqlConnection connection, IReadOnlyList<PendingAppend> group, CancellationToken cancellationToken)
    {
        if (group.Count == 1)
        {
            return [await AppendAloneAsync(connection, group[0], cancellationToken).ConfigureAwait(false)];
        }
        var outcomes = new object[group.Count];
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        Head head;
        await using (var look = new NpgsqlBatch(connection, transaction))
        {
            look.BatchCommands.Add(new NpgsqlBatchCommand(_lockHead));
            look.BatchCommands.Add(new NpgsqlBatchCommand(_lastEvent));
            await using var reader = await look.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            head = await ReadHeadAsync(reader, cancellationToken).ConfigureAwait(false);
        }
        // Transaction time never goes backwards, even if the wall clock does, and is the same for the whole group.
        var recorded = RecordedAfter(head);
        var wrote = false;
        for (var i = 0; i < group.Count; i++)
        {
            var pending = group[i];
            if (pending.Cancellation.IsCancellationRequested)
            {
                outcomes[i] = new OperationCanceledException(pending.Cancellation);
                continue;
            }
            await transaction.SaveAsync("append", cancellationToken).ConfigureAwait(false);
            try
            {
                Probe probe;
                await using (var look = new NpgsqlBatch(connection, transaction))
                {
                    AddProbe(look, pending.Stream, pending.Events[0].EventId);
                    await using var reader = await look.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    probe = await ReadProbeAsync(reader, cancellationToken).ConfigureAwait(false);
                }
                var decided = await DecideAsync(connection, transaction, pending, probe, cancellationToken).ConfigureAwait(false);
                if (decided is not null)
                {
                    outcomes[i] = decided;
                }
                else
                {
                    await using var write = new NpgsqlBatch(connection, transaction);
                    var (insert, lastHash) = InsertCommand(pending, head, probe.LastRevision, recorded);
                    write.BatchCommands.Add(insert);
                    await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    outcomes[i] = new AppendResult(probe.LastRevision + pending.Events.Count, head.Position + pending.Events.Count, AlreadyRecorded: false);
                    head = new Head(head.Position + pending.Events.Count, lastHash, recorded);
                    wrote = true;
                }
                await transaction.ReleaseAsync("append", cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await transaction.RollbackAsync("append", cancellationToken).ConfigureAwait(false);
                outcomes[i] = await DuplicateAsync(connection, transaction, pending, cancellationToken).ConfigureAwait(false);
            }
        }
        if (wrote)
        {
            await using var finish = new NpgsqlBatch(connection, transaction);
            AddMoveHead(finish, head);
            await finish.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>
    /// The common case of one append with nobody queued behind it, in two round trips: lock the head and
    /// probe; then insert, move the head, notify and commit. The server skips the statements after a
    /// failing one in a batch, so a duplicate id never reaches the COMMIT.
    /// </summary>
    private async Task<object> AppendAloneAsync(NpgsqlConnection connection, PendingAppend pending, CancellationToken cancellationToken)
    {
        var committed = false;
        try
        {
            Head head;
            Probe probe;
            await using (var look = new NpgsqlBatch(connection))
            {
                look.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
                look.BatchCommands.Add(new NpgsqlBatchCommand(_lockHead));
                look.BatchCommands.Add(new NpgsqlBatchCommand(_lastEvent));
                AddProbe(look, pending.Stream, pending.Events[0].EventId);
                await using var reader = await look.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                head = await ReadHeadAsync(reader, cancellationToken).ConfigureAwait(false);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                probe = await ReadProbeAsync(reader, cancellationToken).ConfigureAwait(false);
            }
            var decided = await DecideAsync(connection, null, pending, probe, cancellationToken).ConfigureAwait(false);
            if (decided is not null)
            {
                return decided;
            }
            var recorded = RecordedAfter(head);
            await using var write = new NpgsqlBatch(connection);
            var (insert, lastHash) = InsertCommand(pending, head, probe.LastRevision, recorded);
            write.BatchCommands.Add(insert);
            AddMoveHead(write, new Head(head.Position + pending.Events.Count, lastHash, recorded));
            write.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            committed = true;
            return new AppendResult(probe.LastRevision + pending.Events.Count, head.Position + pending.Events.Count, AlreadyRecorded: false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await RollbackAsync(connection, cancellationToken).ConfigureAwait(false);
            return await DuplicateAsync(connection, null, pending, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A replay or a conflict wrote nothing; its transaction still holds the head lock until it ends.
            if (!committed && connection.State == System.Data.ConnectionState.Open)
            {
                await RollbackAsync(connection, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The outcome when the append must not write (a replay or a stale revision), else null.</summary>
    private async Task<object?> DecideAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, PendingAppend pending, Probe probe, CancellationToken cancellationToken)
    {
        if (probe.FirstStored)
        {
            var stored = await FindAsync(connection, transaction, pending.Events, cancellationToken).ConfigureAwait(false);
            try
            {
                return AppendReplay.Find(pending.Stream, pending.Expected, pending.Events, id => stored.GetValueOrDefault(id), () => probe.LastRevision)!;
            }
            catch (EventStoreException e)
            {
                return e;
            }
        }
        return pending.Expected.IsSatisfiedBy(probe.LastRevision) ? null : new WrongExpectedRevisionException(pending.Stream, pending.Expected, probe.LastRevision);
    }

    private DateTimeOffset RecordedAfter(Head head)
    {
        var now = HashChain.TruncateToMicroseconds(clock.GetUtcNow());
        return head.Recorded is { } last && last > now ? last : now;
    }

    private (NpgsqlBatchCommand Insert, byte[] LastHash) InsertCommand(PendingAppend pending, Head head, long lastRevision, DateTimeOffset recorded)
    {
        var events = pending.Events;
        var ids = new Guid[events.Count];
        var types = new string[events.Count];
        var data = new byte[events.Count][];
        var metadata = new byte[events.Count][];
        var hashes = new byte[events.Count][];
        EventMetadata? lastMetadata = null;
        byte[] metadataBytes = [];
        var hash = head.Hash;
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
            hash = HashChain.Link(hash, pending.Stream, lastRevision + 1 + i, e.EventId, e.Type, recorded, data[i], metadataBytes);
            hashes[i] = hash;
        }
        // WITH ORDINALITY numbers rows from 1, so position = head + n and revision = last + n.
        var insert = new NpgsqlBatchCommand(_insert);
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = head.Position });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pending.Stream });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lastRevision });
        insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = recorded.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
        insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = data });
        insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = metadata });
        insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = hashes });
        return (insert, hash);
    }

    private void AddMoveHead(NpgsqlBatch batch, Head head)
    {
        var move = new NpgsqlBatchCommand(_moveHead);
        move.Parameters.Add(new NpgsqlParameter<long> { TypedValue = head.Position });
        move.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = head.Hash });
        move.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = head.Recorded!.Value.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        batch.BatchCommands.Add(move);
        // NOTIFY is transactional: subscribers are woken only once the events are visible.
        var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
        notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = at.Channel });
        notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = head.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        batch.BatchCommands.Add(notify);
    }

    private void AddProbe(NpgsqlBatch batch, string stream, Guid firstId)
    {
        var find = new NpgsqlBatchCommand(_findFirst);
        find.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = firstId });
        var last = new NpgsqlBatchCommand(_lastRevision);
        last.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        batch.BatchCommands.Add(find);
        batch.BatchCommands.Add(last);
    }

    private async Task<Head> ReadHeadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new EventStoreUnavailableException($"schema '{at.Schema}' at {at.Describe()} has lost its head row; the store is damaged, restore it from a backup");
        }
        DateTimeOffset? recorded = reader.IsDBNull(2) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(2), TimeSpan.Zero);
        var head = new Head(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), recorded);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        ChainHead? last = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new ChainHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : null;
        // Nothing is built on a log whose tail is not the head's: the next position would be reused or the chain forked.
        if (new HeadSnapshot(new ChainHead(head.Position, head.Hash), last).Check() is { } broken)
        {
            throw DamagedLogException.BrokenHead(broken.Position, broken.Problem, "refusing to append onto it, nothing was recorded");
        }
        return head;
    }

    /// <summary>Reads the two result sets <see cref="AddProbe"/> asked for: is the first id stored, and where is the stream.</summary>
    private static async Task<Probe> ReadProbeAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var firstStored = reader.GetInt64(0) > 0;
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new Probe(firstStored, reader.IsDBNull(0) ? -1 : reader.GetInt64(0));
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
    private async Task<Exception> DuplicateAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, PendingAppend pending, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(connection, transaction, pending.Events, cancellationToken).ConfigureAwait(false);
        var clash = pending.Events.FirstOrDefault(e => stored.ContainsKey(e.EventId));
        return clash is null
            ? new DuplicateEventIdException(pending.Events[0].EventId, pending.Stream)
            : new DuplicateEventIdException(clash.EventId, stored[clash.EventId].Stream);
    }

    private static async Task RollbackAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Outside a transaction ROLLBACK only warns, so this is safe whatever state the batch left.
        await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
        await rollback.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed record Head(long Position, byte[] Hash, DateTimeOffset? Recorded);

    private sealed record Probe(bool FirstStored, long LastRevision);
}
