using System.Runtime.InteropServices;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.EventStore.Shared;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// One append inside an open write transaction: idempotency check, revision check, chain, insert.
/// Statements are prepared once per writer connection; appends are the hot path.
/// </summary>
internal sealed class SqliteAppender : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _clock;
    private readonly SqliteCommand _findById;
    private readonly SqliteCommand _currentRevision;
    private readonly SqliteCommand _head;
    private readonly SqliteCommand _moveHead;
    private readonly SqliteCommand _insert;
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
        _insert = Command(
            "INSERT INTO events (position, stream, revision, event_id, type_id, data, metadata_id, recorded, hash) VALUES ($p, $s, $r, $id, $t, $d, $m, $rec, $h)",
            ("$p", SqliteType.Integer), ("$s", SqliteType.Text), ("$r", SqliteType.Integer), ("$id", SqliteType.Blob), ("$t", SqliteType.Integer),
            ("$d", SqliteType.Blob), ("$m", SqliteType.Integer), ("$rec", SqliteType.Integer), ("$h", SqliteType.Blob));
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

        var p = _insert.Parameters;
        p[1].Value = stream;
        p[7].Value = HashChain.ToUnixMicroseconds(recorded);
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
            p[0].Value = position;
            p[2].Value = revision;
            p[3].Value = SqliteRows.IdBytes(e.EventId);
            if (!typeIds.TryGetValue(e.Type, out var typeId))
            {
                typeIds[e.Type] = typeId = TypeId(e.Type);
            }
            p[4].Value = typeId;
            p[5].Value = data;
            p[6].Value = metadataId;
            p[8].Value = hash;
            try
            {
                _insert.ExecuteNonQuery();
            }
            catch (SqliteException x) when (x.SqliteErrorCode == 19)
            {
                // A later id in the batch is stored already; the batch as a whole is not a replay.
                throw new DuplicateEventIdException(e.EventId, StoredIn(e.EventId) ?? stream);
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
        _insert.Transaction = transaction;
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
