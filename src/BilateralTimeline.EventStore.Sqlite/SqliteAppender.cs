using System.Runtime.InteropServices;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.EventStore.Shared;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// One append inside an open write transaction: idempotency check, revision check, chain, insert.
/// Statements are prepared once per writer connection; appends are the hot path. The insert, run once
/// per event, is bound by position on SQLite's own statement: binding its nine parameters by name
/// (Microsoft.Data.Sqlite looks each name up per execution) cost a large import more than the insert.
/// </summary>
internal sealed class SqliteAppender : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _clock;
    private readonly SqliteCommand _findById;
    private readonly SqliteCommand _currentRevision;
    private readonly SqliteCommand _head;
    private readonly SqliteCommand _moveHead;
    private readonly sqlite3_stmt _insert;
    private readonly SqliteCommand _findType;
    private readonly SqliteCommand _insertType;
    private readonly SqliteCommand _insertMetadata;

    public SqliteAppender(SqliteConnection connection, TimeProvider clock)
    {
        _connection = connection;
        _clock = clock;
        _findById = Command($"SELECT {SqliteRows.Columns} FROM {SqliteRows.From} WHERE e.event_id = $id", ("$id", SqliteType.Blob));
        _currentRevision = Command("SELECT max(revision) FROM events WHERE stream = $s", ("$s", SqliteType.Text));
        _head = Command(SqliteHead.Select);
        _moveHead = Command(SqliteHead.Move, ("$p", SqliteType.Integer), ("$h", SqliteType.Blob), ("$rec", SqliteType.Integer));
        var rc = raw.sqlite3_prepare_v2(connection.Handle, "INSERT INTO events (position, stream, revision, event_id, type_id, data, metadata_id, recorded, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", out _insert);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }
        _findType = Command("SELECT id FROM event_types WHERE name = $n", ("$n", SqliteType.Text));
        _insertType = Command("INSERT INTO event_types (name) VALUES ($n) RETURNING id", ("$n", SqliteType.Text));
        _insertMetadata = Command("INSERT INTO event_metadata (json) VALUES ($j) RETURNING id", ("$j", SqliteType.Blob));
    }

    public AppendResult Append(SqliteTransaction transaction, string stream, ExpectedRevision expected, IReadOnlyList<EventData> events)
    {
        Enlist(transaction);
        // Checked before anything else, replays included: nothing is built on, or answered from, a log whose tail is not the head's.
        var (lastPosition, previousHash, lastRecorded) = Head();
        var replay = AppendReplay.Find(stream, expected, events, Find, () => CurrentRevision(stream));
        if (replay is not null)
        {
            return replay;
        }

        var actual = CurrentRevision(stream);
        if (!expected.IsSatisfiedBy(actual))
        {
            throw new WrongExpectedRevisionException(stream, expected, actual);
        }

        // Transaction time never goes backwards, even if the wall clock does.
        var now = HashChain.TruncateToMicroseconds(_clock.GetUtcNow());
        var recorded = now > lastRecorded ? now : lastRecorded;

        // Bindings outlive each reset: the stream and the transaction time are the same for the whole append.
        raw.sqlite3_bind_text(_insert, 2, stream);
        raw.sqlite3_bind_int64(_insert, 8, HashChain.ToUnixMicroseconds(recorded));
        EventMetadata? lastMetadata = null;
        byte[] metadataBytes = [];
        long metadataId = 0;
        // Ids are looked up once per type per append, not per event; not kept across appends, because a
        // rolled-back append may have inserted a type that then vanished with its savepoint.
        var typeIds = new Dictionary<string, long>(StringComparer.Ordinal);
        var position = lastPosition;
        var revision = actual;
        foreach (var e in events)
        {
            position++;
            revision++;
            if (!ReferenceEquals(e.Metadata, lastMetadata))
            {
                // Events of one append usually carry the same metadata: store it once and point to it.
                var serialized = MetadataJson.Serialize(e.Metadata);
                lastMetadata = e.Metadata;
                if (!serialized.AsSpan().SequenceEqual(metadataBytes))
                {
                    metadataBytes = serialized;
                    _insertMetadata.Parameters[0].Value = metadataBytes;
                    metadataId = (long)_insertMetadata.ExecuteScalar()!;
                }
            }
            var data = AsArray(e.Data);
            var hash = HashChain.Link(previousHash, stream, revision, e.EventId, e.Type, recorded, data, metadataBytes);
            if (!typeIds.TryGetValue(e.Type, out var typeId))
            {
                typeIds[e.Type] = typeId = TypeId(e.Type);
            }
            raw.sqlite3_bind_int64(_insert, 1, position);
            raw.sqlite3_bind_int64(_insert, 3, revision);
            raw.sqlite3_bind_blob(_insert, 4, SqliteRows.IdBytes(e.EventId));
            raw.sqlite3_bind_int64(_insert, 5, typeId);
            raw.sqlite3_bind_blob(_insert, 6, data);
            raw.sqlite3_bind_int64(_insert, 7, metadataId);
            raw.sqlite3_bind_blob(_insert, 9, hash);
            var rc = raw.sqlite3_step(_insert);
            raw.sqlite3_reset(_insert);
            if (rc != raw.SQLITE_DONE)
            {
                // A constraint (the primary result code, whether or not extended codes are on): a later id in the batch is stored already; the batch as a whole is not a replay.
                if ((rc & 0xFF) == raw.SQLITE_CONSTRAINT)
                {
                    throw new DuplicateEventIdException(e.EventId, StoredIn(e.EventId) ?? stream);
                }
                SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            }
            previousHash = hash;
        }
        var move = _moveHead.Parameters;
        move[0].Value = position;
        move[1].Value = previousHash;
        move[2].Value = HashChain.ToUnixMicroseconds(recorded);
        _moveHead.ExecuteNonQuery();
        return new AppendResult(revision, position, AlreadyRecorded: false);
    }

    /// <summary>
    /// Type ids are looked up in the transaction, not cached: a rolled-back append (or another
    /// process) may have added or not added a type, and the table holds only a handful of rows.
    /// </summary>
    private long TypeId(string type)
    {
        _findType.Parameters[0].Value = type;
        if (_findType.ExecuteScalar() is long id)
        {
            return id;
        }
        _insertType.Parameters[0].Value = type;
        return (long)_insertType.ExecuteScalar()!;
    }

    private RecordedEvent? Find(Guid eventId)
    {
        _findById.Parameters[0].Value = SqliteRows.IdBytes(eventId);
        using var reader = _findById.ExecuteReader();
        return reader.Read() ? SqliteRows.Decode(reader) : null;
    }

    private string? StoredIn(Guid eventId) => Find(eventId)?.Stream;

    private long CurrentRevision(string stream)
    {
        _currentRevision.Parameters[0].Value = stream;
        return _currentRevision.ExecuteScalar() is long revision ? revision : -1;
    }

    /// <summary>
    /// Where the next event goes: after the head record, not after the last row, so a position freed by
    /// deleting rows is never handed out again; and only when the last row is the head's.
    /// </summary>
    private (long Position, byte[] Hash, DateTimeOffset Recorded) Head()
    {
        HeadSnapshot snapshot;
        DateTimeOffset recorded;
        using (var reader = _head.ExecuteReader())
        {
            (snapshot, recorded) = SqliteHead.Read(reader);
        }
        if (snapshot.Check() is { } broken)
        {
            throw DamagedLogException.BrokenHead(broken.Position, broken.Problem, "refusing to append onto it, nothing was recorded");
        }
        return (snapshot.Recorded.Position, snapshot.Recorded.Hash.ToArray(), recorded);
    }

    private static byte[] AsArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    private void Enlist(SqliteTransaction transaction)
    {
        _findById.Transaction = transaction;
        _currentRevision.Transaction = transaction;
        _head.Transaction = transaction;
        _moveHead.Transaction = transaction;
        _findType.Transaction = transaction;
        _insertType.Transaction = transaction;
        _insertMetadata.Transaction = transaction;
    }

    private SqliteCommand Command(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }
        return command;
    }

    public void Dispose()
    {
        _findById.Dispose();
        _currentRevision.Dispose();
        _head.Dispose();
        _moveHead.Dispose();
        _insert.Dispose();
        _findType.Dispose();
        _insertType.Dispose();
        _insertMetadata.Dispose();
    }
}
