using SQLitePCL;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// The bytes of a row of a small side table (event type names, metadata) by its id, for a replay that reads
/// the events without joining them: the rows are never changed or deleted (the schema's triggers refuse
/// it), so an id read once stays right for the whole read. Ids repeat across neighbouring events (one
/// append shares its metadata), so few distinct ids are looked up; the cache is bounded all the same.
/// </summary>
internal sealed class SqliteIdLookup(sqlite3 db, string sql) : IDisposable
{
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
            SqliteFastReader.Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
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
        if (_known.Count == Capacity)
        {
            _known.Clear();
        }
        _known[id] = bytes;
        return bytes;
    }

    public void Dispose() => _statement?.Dispose();
}
