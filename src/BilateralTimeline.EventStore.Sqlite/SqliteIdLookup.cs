using SQLitePCL;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// The bytes of a row of a small side table (event type names, metadata) by its id, for a replay that reads
/// the events without joining them: the rows are never changed or deleted (the schema's triggers refuse
/// it), so an id read once stays right for the whole read. Ids repeat across neighbouring events (one
/// append shares its metadata), so few distinct ids are looked up; the cache is bounded all the same.
/// </summary>
internal sealed class SqliteIdLookup(sqlite3 db, string table, string column) : IDisposable
{
    public static SqliteIdLookup Types(sqlite3 db) => new(db, "event_types", "name");

    public static SqliteIdLookup Metadata(sqlite3 db) => new(db, "event_metadata", "json");

    private const int Capacity = 1 << 12;
    private readonly Dictionary<long, byte[]> _known = [];
    private sqlite3_stmt? _statement;

    /// <summary>The column's bytes for <paramref name="id"/>; null when no row has that id.</summary>
    public byte[]? Find(long id)
    {
        if (_known.TryGetValue(id, out var bytes))
        {
            return bytes;
        }
        if (_statement is null)
        {
            SqliteFastReader.Check(db, raw.sqlite3_prepare_v2(db, $"SELECT {column} FROM {table} WHERE id = ?1", out var statement));
            _statement = statement;
        }
        raw.sqlite3_reset(_statement);
        raw.sqlite3_bind_int64(_statement, 1, id);
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_DONE)
        {
            return null;
        }
        if (rc != raw.SQLITE_ROW)
        {
            throw new Microsoft.Data.Sqlite.SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
        bytes = raw.sqlite3_column_blob(_statement, 0).ToArray();
        raw.sqlite3_reset(_statement);
        if (_known.Count == Capacity)
        {
            _known.Clear();
        }
        _known[id] = bytes;
        return bytes;
    }

    /// <summary>
    /// The bytes for the event at <paramref name="position"/>. The schema's foreign keys keep the row there;
    /// a missing one is a damaged file, which the joined read used to hide by leaving the event out.
    /// </summary>
    public byte[] Get(long id, long position) =>
        Find(id) ?? throw new Application.Ports.CorruptEventException(position, $"its row {id} is missing from {table}");

    public void Dispose() => _statement?.Dispose();
}
