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
///
/// Because the lock makes this transaction the only writer, what it reads after taking the lock (which
/// ids exist, where each stream is) stays true until it commits. So every append of the group is
/// decided here in .NET — replay, stale revision, duplicate id or accepted — and the whole group costs
/// two round trips however many appends it holds: lock and look; insert, move the head, notify, commit.
/// The look asks only for each append's first id (an append is a replay exactly when its first id is
/// stored); a reused later id, which is rare, makes the insert fail, and the group is then decided again
/// with every id looked up.
/// </summary>
internal sealed class PostgresAppender(PostgresLocation at, TimeProvider clock)
{
    private readonly string _lockHead = $"SELECT position, hash, recorded FROM {at.Quoted}.head FOR UPDATE";
    private readonly string _findIds = $"SELECT {PostgresRows.Columns} FROM {at.Quoted}.events WHERE event_id = ANY($1)";
    private readonly string _lastRevisions = $"SELECT stream, max(revision) FROM {at.Quoted}.events WHERE stream = ANY($1) GROUP BY stream";
    private readonly string _insert = $"""
        INSERT INTO {at.Quoted}.events (position, stream, revision, event_id, type, data, metadata, recorded, hash)
        SELECT position, stream, revision, id, type, data, metadata, $1, hash
        FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::uuid[], $6::text[], $7::bytea[], $8::bytea[], $9::bytea[])
             AS e(position, stream, revision, id, type, data, metadata, hash)
        """;
    private readonly string _moveHead = $"UPDATE {at.Quoted}.head SET position = $1, hash = $2, recorded = $3";

    /// <summary>
    /// Appends each request in order in one transaction; one that must not write (a replay, a stale
    /// revision, a duplicate id) gets its result or error without affecting the others. Returns, per
    /// request, an <see cref="AppendResult"/> or an exception. Throws when the transaction as a whole
    /// fails, in which case nothing was written.
    /// </summary>
    public async Task<object[]> AppendGroupAsync(NpgsqlConnection connection, IReadOnlyList<PendingAppend> group, CancellationToken cancellationToken)
    {
        try
        {
            return await AppendGroupAsync(connection, group, lookUpEveryId: false, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return await AppendGroupAsync(connection, group, lookUpEveryId: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<object[]> AppendGroupAsync(NpgsqlConnection connection, IReadOnlyList<PendingAppend> group, bool lookUpEveryId, CancellationToken cancellationToken)
    {
        var committed = false;
        try
        {
            var look = await LockAndLookAsync(connection, group, lookUpEveryId, cancellationToken).ConfigureAwait(false);
            // A replay is checked event by event, so it needs all its events' stored rows.
            var replays = group.Where(p => look.Stored.ContainsKey(p.Events[0].EventId)).SelectMany(p => p.Events).Select(e => e.EventId).ToArray();
            if (!lookUpEveryId && replays.Length > 0)
            {
                foreach (var e in await FindAsync(connection, replays, cancellationToken).ConfigureAwait(false))
                {
                    look.Stored[e.EventId] = e;
                }
            }
            var rows = new Rows();
            var outcomes = new object[group.Count];
            var head = look.Head;
            // Transaction time never goes backwards, even if the wall clock does, and is the same for the whole group.
            var now = HashChain.TruncateToMicroseconds(clock.GetUtcNow());
            var recorded = head.Recorded is { } last && last > now ? last : now;
            for (var i = 0; i < group.Count; i++)
            {
                outcomes[i] = Decide(group[i], look, rows, ref head, recorded);
            }
            if (rows.Count == 0)
            {
                return outcomes;
            }
            await using var write = new NpgsqlBatch(connection);
            write.BatchCommands.Add(rows.InsertCommand(_insert, recorded));
            AddMoveHead(write, head);
            write.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            committed = true;
            return outcomes;
        }
        finally
        {
            // Nothing to write, or a failure: end the transaction, which releases the head lock.
            if (!committed && connection.State == System.Data.ConnectionState.Open)
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One round trip: begin, lock the head, and read the group's ids that exist and where its streams are.</summary>
    private async Task<Look> LockAndLookAsync(NpgsqlConnection connection, IReadOnlyList<PendingAppend> group, bool lookUpEveryId, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(_lockHead));
        var find = new NpgsqlBatchCommand(_findIds);
        var ids = lookUpEveryId ? group.SelectMany(p => p.Events).Select(e => e.EventId) : group.Select(p => p.Events[0].EventId);
        find.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids.ToArray() });
        batch.BatchCommands.Add(find);
        var revisions = new NpgsqlBatchCommand(_lastRevisions);
        revisions.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = group.Select(p => p.Stream).Distinct(StringComparer.Ordinal).ToArray() });
        batch.BatchCommands.Add(revisions);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new EventStoreUnavailableException($"schema '{at.Schema}' at {at.Describe()} has lost its head row; the store is damaged, restore it from a backup");
        }
        DateTimeOffset? lastRecorded = reader.IsDBNull(2) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(2), TimeSpan.Zero);
        var head = new Head(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), lastRecorded);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var decoder = new PostgresRows();
        var stored = new Dictionary<Guid, RecordedEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var e = decoder.Decode(reader);
            stored[e.EventId] = e;
        }
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var lastRevisions = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            lastRevisions[reader.GetString(0)] = reader.GetInt64(1);
        }
        return new Look(head, stored, lastRevisions);
    }

    private async Task<List<RecordedEvent>> FindAsync(NpgsqlConnection connection, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_findIds, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        var decoder = new PostgresRows();
        var found = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(decoder.Decode(reader));
        }
        return found;
    }

    /// <summary>The outcome of one append of the group; an accepted one adds its rows and moves <paramref name="head"/>.</summary>
    private static object Decide(PendingAppend pending, Look look, Rows rows, ref Head head, DateTimeOffset recorded)
    {
        if (pending.Cancellation.IsCancellationRequested)
        {
            return new OperationCanceledException(pending.Cancellation);
        }
        var (stream, expected, events) = (pending.Stream, pending.Expected, pending.Events);
        var actual = look.LastRevisions.GetValueOrDefault(stream, -1);
        try
        {
            if (look.Stored.ContainsKey(events[0].EventId))
            {
                return AppendReplay.Find(stream, expected, events, id => look.Stored.GetValueOrDefault(id), () => actual)!;
            }
            if (events.FirstOrDefault(e => look.Stored.ContainsKey(e.EventId)) is { } clash)
            {
                return new DuplicateEventIdException(clash.EventId, look.Stored[clash.EventId].Stream);
            }
        }
        catch (EventStoreException e)
        {
            return e;
        }
        if (!expected.IsSatisfiedBy(actual))
        {
            return new WrongExpectedRevisionException(stream, expected, actual);
        }
        var hash = head.Hash;
        EventMetadata? lastMetadata = null;
        byte[] metadataBytes = [];
        var accepted = new RecordedEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!ReferenceEquals(e.Metadata, lastMetadata))
            {
                metadataBytes = MetadataJson.Serialize(e.Metadata);
                lastMetadata = e.Metadata;
            }
            var data = e.Data.ToArray();
            hash = HashChain.Link(hash, stream, actual + 1 + i, e.EventId, e.Type, recorded, data, metadataBytes);
            accepted[i] = new RecordedEvent(stream, actual + 1 + i, head.Position + 1 + i, e.EventId, e.Type, data, e.Metadata, recorded, hash);
            rows.Add(head.Position + 1 + i, stream, actual + 1 + i, e.EventId, e.Type, data, metadataBytes, hash);
        }
        // Later appends of the same group see these as stored: a resend is a replay, a reused id a duplicate.
        foreach (var e in accepted)
        {
            look.Stored[e.EventId] = e;
        }
        look.LastRevisions[stream] = actual + events.Count;
        head = new Head(head.Position + events.Count, hash, recorded);
        return new AppendResult(actual + events.Count, head.Position, AlreadyRecorded: false);
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

    private sealed record Head(long Position, byte[] Hash, DateTimeOffset? Recorded);

    /// <summary>What the transaction saw under the lock, updated as the group's appends are accepted.</summary>
    private sealed record Look(Head Head, Dictionary<Guid, RecordedEvent> Stored, Dictionary<string, long> LastRevisions);

    /// <summary>The group's accepted events, column by column, for one INSERT … SELECT FROM unnest.</summary>
    private sealed class Rows
    {
        private readonly List<long> _positions = [];
        private readonly List<string> _streams = [];
        private readonly List<long> _revisions = [];
        private readonly List<Guid> _ids = [];
        private readonly List<string> _types = [];
        private readonly List<byte[]> _data = [];
        private readonly List<byte[]> _metadata = [];
        private readonly List<byte[]> _hashes = [];

        public int Count => _ids.Count;

        public void Add(long position, string stream, long revision, Guid id, string type, byte[] data, byte[] metadata, byte[] hash)
        {
            _positions.Add(position);
            _streams.Add(stream);
            _revisions.Add(revision);
            _ids.Add(id);
            _types.Add(type);
            _data.Add(data);
            _metadata.Add(metadata);
            _hashes.Add(hash);
        }

        public NpgsqlBatchCommand InsertCommand(string sql, DateTimeOffset recorded)
        {
            var insert = new NpgsqlBatchCommand(sql);
            insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = recorded.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. _positions] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _streams] });
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. _revisions] });
            insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. _ids] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _types] });
            insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. _data] });
            insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. _metadata] });
            insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. _hashes] });
            return insert;
        }
    }
}
