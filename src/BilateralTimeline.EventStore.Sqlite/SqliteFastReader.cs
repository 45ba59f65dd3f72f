using System.Runtime.CompilerServices;
using System.Text;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// Streams event rows straight from SQLite's C API. Replays read every row of the log, so the
/// per-column overhead of the ADO.NET reader (boxing, type checks) is the cost that matters here;
/// stream names, types and metadata repeat across neighbouring rows and are decoded once. The rows are
/// read from the events table alone (<see cref="SqliteRows.ScanColumns"/>), their type name and metadata
/// looked up by id beside the scan (<see cref="SqliteIdLookup"/>) rather than joined: the join searched
/// both side tables' b-trees once per event, a third of what SQLite spent on a full read.
/// </summary>
internal sealed class SqliteFastReader(SqliteIdLookup types, SqliteIdLookup metadata)
{
    private string _lastStream = "";
    private byte[] _lastStreamBytes = [];
    private readonly Dictionary<long, string> _typeNames = [];
    private long _lastMetadataId = -1;
    private EventMetadata? _lastMetadata;

    public static async IAsyncEnumerable<RecordedEvent> ReadAsync(string connectionString, string path, string sql, Action<sqlite3_stmt> bind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        sqlite3_stmt statement;
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Raw statements do not get ADO.NET's busy retries; let SQLite wait out a checkpoint instead.
            raw.sqlite3_busy_timeout(connection.Handle, 10_000);
            Check(connection.Handle!, raw.sqlite3_prepare_v2(connection.Handle, sql, out statement));
        }
        catch (SqliteException e)
        {
            throw SqlitePath.Explain(path, e);
        }
        using (statement)
        using (var types = SqliteIdLookup.Types(connection.Handle!))
        using (var metadata = SqliteIdLookup.Metadata(connection.Handle!))
        {
            bind(statement);
            var decoder = new SqliteFastReader(types, metadata);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_DONE)
                {
                    yield break;
                }
                if (rc != raw.SQLITE_ROW)
                {
                    throw SqlitePath.Explain(path, new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), rc));
                }
                yield return decoder.Decode(statement);
            }
        }
    }

    /// <summary>
    /// Hands each row from <paramref name="fromPosition"/> on to <paramref name="handler"/> as spans over
    /// SQLite's own buffers: nothing is allocated per row. Synchronous after opening; a replay runs it on
    /// its reading thread.
    /// </summary>
    public static async Task<long> ReadRawAsync(string connectionString, string path, long fromPosition, RawEventHandler handler, CancellationToken cancellationToken)
    {
        const string sql = $"SELECT {SqliteRows.ScanColumns} FROM events e WHERE e.position >= ?1 ORDER BY e.position";
        await using var connection = new SqliteConnection(connectionString);
        sqlite3_stmt statement;
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            raw.sqlite3_busy_timeout(connection.Handle, 10_000);
            Check(connection.Handle!, raw.sqlite3_prepare_v2(connection.Handle, sql, out statement));
        }
        catch (SqliteException e)
        {
            throw SqlitePath.Explain(path, e);
        }
        using (statement)
        using (var types = SqliteIdLookup.Types(connection.Handle!))
        using (var metadata = SqliteIdLookup.Metadata(connection.Handle!))
        {
            raw.sqlite3_bind_int64(statement, 1, fromPosition);
            long count = 0;
            while (true)
            {
                if ((count & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                var rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_DONE)
                {
                    return count;
                }
                if (rc != raw.SQLITE_ROW)
                {
                    throw SqlitePath.Explain(path, new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), rc));
                }
                var position = raw.sqlite3_column_int64(statement, 0);
                var id = raw.sqlite3_column_blob(statement, 3);
                if (id.Length != 16)
                {
                    throw new CorruptEventException(position, $"event id has {id.Length} bytes, not 16");
                }
                // The schema's foreign keys keep both rows there; a missing one is a damaged file, not an event to skip.
                var type = types.Get(raw.sqlite3_column_int64(statement, 4), position);
                var meta = metadata.Get(raw.sqlite3_column_int64(statement, 6), position);
                handler(new RawEvent(
                    raw.sqlite3_column_blob(statement, 1),
                    raw.sqlite3_column_int64(statement, 2),
                    position,
                    new Guid(id, bigEndian: true),
                    type,
                    raw.sqlite3_column_blob(statement, 5),
                    meta,
                    HashChain.FromUnixMicroseconds(raw.sqlite3_column_int64(statement, 7))));
                count++;
            }
        }
    }

    internal static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }

    private RecordedEvent Decode(sqlite3_stmt row)
    {
        var position = raw.sqlite3_column_int64(row, 0);
        try
        {
            var stream = Cached(raw.sqlite3_column_blob(row, 1), ref _lastStreamBytes, ref _lastStream);
            var type = TypeName(raw.sqlite3_column_int64(row, 4), position);
            var id = raw.sqlite3_column_blob(row, 3);
            if (id.Length != 16)
            {
                throw new FormatException($"event id has {id.Length} bytes, not 16");
            }
            var hash = raw.sqlite3_column_blob(row, 8);
            return new RecordedEvent(
                stream,
                raw.sqlite3_column_int64(row, 2),
                position,
                new Guid(id, bigEndian: true),
                type,
                raw.sqlite3_column_blob(row, 5).ToArray(),
                Metadata(raw.sqlite3_column_int64(row, 6), position),
                HashChain.FromUnixMicroseconds(raw.sqlite3_column_int64(row, 7)),
                hash.ToArray());
        }
        catch (Exception e) when (e is FormatException or ArgumentException or System.Text.Json.JsonException or InvalidOperationException or DecoderFallbackException)
        {
            throw new CorruptEventException(position, e.Message, e);
        }
    }

    private static string Cached(ReadOnlySpan<byte> utf8, ref byte[] lastBytes, ref string last)
    {
        if (!utf8.SequenceEqual(lastBytes))
        {
            last = StrictUtf8.GetString(utf8);
            lastBytes = utf8.ToArray();
        }
        return last;
    }

    private string TypeName(long typeId, long position)
    {
        if (!_typeNames.TryGetValue(typeId, out var name))
        {
            _typeNames[typeId] = name = StrictUtf8.GetString(types.Get(typeId, position));
        }
        return name;
    }

    private EventMetadata Metadata(long metadataId, long position)
    {
        // Events of one append share their metadata; an "extra" object is mutable, so it is never shared.
        if (_lastMetadata is not null && metadataId == _lastMetadataId)
        {
            return _lastMetadata;
        }
        var decoded = MetadataJson.Deserialize(metadata.Get(metadataId, position));
        _lastMetadataId = metadataId;
        _lastMetadata = decoded.Extra is null ? decoded : null;
        return decoded;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
