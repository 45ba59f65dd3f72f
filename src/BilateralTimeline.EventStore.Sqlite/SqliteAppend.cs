using BilateralTimeline.Application.Ports;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>One append transaction: idempotency check, revision check, chain, insert, commit.</summary>
internal static class SqliteAppend
{
    public static AppendResult Run(SqliteConnection connection, string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, TimeProvider clock)
    {
        using var transaction = connection.BeginTransaction(deferred: false);

        var replay = FindEarlierAppend(connection, transaction, stream, expected, events);
        if (replay is not null)
        {
            return replay;
        }

        var actual = CurrentRevision(connection, transaction, stream);
        if (!expected.IsSatisfiedBy(actual))
        {
            throw new WrongExpectedRevisionException(stream, expected, actual);
        }

        var (lastPosition, previousHash, lastRecorded) = Head(connection, transaction);
        // Transaction time never goes backwards, even if the wall clock does.
        var now = HashChain.TruncateToMicroseconds(clock.GetUtcNow());
        var recorded = now > lastRecorded ? now : lastRecorded;
        var recordedMicros = HashChain.ToUnixMicroseconds(recorded);

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO events (position, stream, revision, event_id, type, data, metadata, recorded, hash) VALUES ($p, $s, $r, $id, $t, $d, $m, $rec, $h)";
        var p = insert.Parameters.Add("$p", SqliteType.Integer);
        insert.Parameters.AddWithValue("$s", stream);
        var r = insert.Parameters.Add("$r", SqliteType.Integer);
        var id = insert.Parameters.Add("$id", SqliteType.Blob);
        var t = insert.Parameters.Add("$t", SqliteType.Text);
        var d = insert.Parameters.Add("$d", SqliteType.Blob);
        var m = insert.Parameters.Add("$m", SqliteType.Blob);
        insert.Parameters.AddWithValue("$rec", recordedMicros);
        var h = insert.Parameters.Add("$h", SqliteType.Blob);
        insert.Prepare();

        var position = lastPosition;
        var revision = actual;
        foreach (var e in events)
        {
            position++;
            revision++;
            var metadata = MetadataJson.Serialize(e.Metadata);
            var data = e.Data.ToArray();
            var hash = HashChain.Link(previousHash, stream, revision, e.EventId, e.Type, recorded, data, metadata);
            p.Value = position;
            r.Value = revision;
            id.Value = SqliteRows.IdBytes(e.EventId);
            t.Value = e.Type;
            d.Value = data;
            m.Value = metadata;
            h.Value = hash;
            try
            {
                insert.ExecuteNonQuery();
            }
            catch (SqliteException x) when (x.SqliteErrorCode == 19)
            {
                // A later id in the batch is stored already; the batch as a whole is not a replay.
                throw new DuplicateEventIdException(e.EventId, StreamOf(connection, transaction, e.EventId) ?? stream);
            }
            previousHash = hash;
        }
        transaction.Commit();
        return new AppendResult(revision, position, AlreadyRecorded: false);
    }

    /// <summary>
    /// An append is a replay when its first event id is stored already: then every event must match
    /// what is stored, in the same stream and order, and the expected revision must be the one the
    /// original append was made with (or any).
    /// </summary>
    private static AppendResult? FindEarlierAppend(SqliteConnection connection, SqliteTransaction transaction, string stream, ExpectedRevision expected, IReadOnlyList<EventData> events)
    {
        using var find = connection.CreateCommand();
        find.Transaction = transaction;
        find.CommandText = $"SELECT {SqliteRows.Columns} FROM events WHERE event_id = $id";
        var id = find.Parameters.Add("$id", SqliteType.Blob);
        RecordedEvent? first = null;
        RecordedEvent? last = null;
        for (var i = 0; i < events.Count; i++)
        {
            id.Value = SqliteRows.IdBytes(events[i].EventId);
            using var reader = find.ExecuteReader();
            if (!reader.Read())
            {
                if (i == 0)
                {
                    return null;
                }
                throw new DuplicateEventIdException(events[0].EventId, first!.Stream);
            }
            var stored = SqliteRows.Decode(reader);
            if (stored.Stream != stream || (first is not null && stored.StreamRevision != first.StreamRevision + i) || !SameContent(stored, events[i]))
            {
                throw new DuplicateEventIdException(events[i].EventId, stored.Stream);
            }
            first ??= stored;
            last = stored;
        }
        var revisionBefore = first!.StreamRevision - 1;
        if (!expected.IsSatisfiedBy(revisionBefore))
        {
            throw new WrongExpectedRevisionException(stream, expected, CurrentRevision(connection, transaction, stream));
        }
        return new AppendResult(last!.StreamRevision, last.GlobalPosition, AlreadyRecorded: true);
    }

    private static bool SameContent(RecordedEvent stored, EventData sent) =>
        stored.Type == sent.Type
        && stored.Data.Span.SequenceEqual(sent.Data.Span)
        && MetadataJson.Serialize(stored.Metadata).AsSpan().SequenceEqual(MetadataJson.Serialize(sent.Metadata));

    private static long CurrentRevision(SqliteConnection connection, SqliteTransaction transaction, string stream)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT max(revision) FROM events WHERE stream = $s";
        command.Parameters.AddWithValue("$s", stream);
        return command.ExecuteScalar() is long revision ? revision : -1;
    }

    private static (long Position, byte[] Hash, DateTimeOffset Recorded) Head(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT position, hash, recorded FROM events ORDER BY position DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), (byte[])reader.GetValue(1), HashChain.FromUnixMicroseconds(reader.GetInt64(2)))
            : (0, HashChain.Genesis.ToArray(), DateTimeOffset.MinValue);
    }

    private static string? StreamOf(SqliteConnection connection, SqliteTransaction transaction, Guid eventId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT stream FROM events WHERE event_id = $id";
        command.Parameters.AddWithValue("$id", SqliteRows.IdBytes(eventId));
        return command.ExecuteScalar() as string;
    }
}
