using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Shared;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode with synchronous=FULL, so an append is
/// acknowledged only after its commit record is fsynced. In this process appends go through one
/// writer that group-commits them; across processes writers serialise on SQLite's write lock
/// (BEGIN IMMEDIATE), which also keeps global positions gap-free.
/// </summary>
public sealed class SqliteEventStore : IEventStore, IHistoryImport, IRecordsChainHead, IRawLogReader
{
    private const int PageSize = 2048;
    private static readonly TimeSpan CrossProcessPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private readonly SqliteConnection _writer;
    private readonly SqliteGroupCommit _groupCommit;
    private readonly AppendSignal _appended = new();
    private int _disposed;

    private SqliteEventStore(string path, string connectionString, TimeProvider clock, SqliteConnection writer, int versionFound)
    {
        Path = path;
        SchemaVersionFound = versionFound;
        _connectionString = connectionString;
        _clock = clock;
        _writer = writer;
        _groupCommit = new SqliteGroupCommit(writer, clock, path, _appended.Notify);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The schema version this build writes.</summary>
    public static int SchemaVersion => SqliteSchema.CurrentVersion;

    /// <summary>The schema version the file had when opened (0: created now); below <see cref="SchemaVersion"/> it was upgraded.</summary>
    public int SchemaVersionFound { get; }

    /// <summary>Positions are gap-free (assigned inside the write transaction) and the hash chain spans the whole log.</summary>
    public static StoreCapabilities Capabilities { get; } = new("sqlite", GapFreePositions: true);

    /// <summary>Opens the store at <paramref name="path"/>, creating the file and schema on first use.</summary>
    /// <exception cref="EventStoreUnavailableException">The path cannot hold a store, or the file is not ours or is damaged.</exception>
    public static SqliteEventStore Open(string path, TimeProvider clock)
    {
        var full = System.IO.Path.GetFullPath(path);
        SqlitePath.EnsureUsable(full);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var writer = new SqliteConnection(connectionString);
        int versionFound;
        try
        {
            writer.Open();
            Pragmas(writer, "PRAGMA busy_timeout = 10000;");
            // Ownership is checked before WAL is switched on: journal_mode is stored in the file, and
            // another application's database must be left exactly as it was.
            versionFound = SqliteSchema.EnsureCreated(writer, full);
            Pragmas(writer, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
            using (var check = writer.CreateCommand())
            {
                // A quick structural check catches a file whose pages were damaged before we trust it.
                check.CommandText = "SELECT count(*) FROM events WHERE position = (SELECT max(position) FROM events);";
                check.ExecuteScalar();
            }
        }
        catch (SqliteException e)
        {
            writer.Dispose();
            SqliteConnection.ClearPool(writer);
            throw SqlitePath.Explain(full, e);
        }
        catch
        {
            // Disposing only returns a pooled connection to the pool, which would keep the refused file open.
            writer.Dispose();
            SqliteConnection.ClearPool(writer);
            throw;
        }
        return new SqliteEventStore(full, connectionString, clock, writer, versionFound);
    }

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        AppendLimits.Validate(stream, events);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _groupCommit.AppendAsync(stream, expected, events, cancellationToken);
    }

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, CancellationToken cancellationToken = default)
    {
        var sql = direction == ReadDirection.Forwards
            ? $"SELECT {SqliteRows.ScanColumns} FROM events e WHERE e.stream = ?1 AND e.revision >= ?2 ORDER BY e.revision LIMIT ?3"
            : $"SELECT {SqliteRows.ScanColumns} FROM events e WHERE e.stream = ?1 AND e.revision <= ?2 ORDER BY e.revision DESC LIMIT ?3";
        return SqliteFastReader.ReadAsync(_connectionString, Path, sql, statement =>
        {
            raw.sqlite3_bind_text(statement, 1, stream);
            raw.sqlite3_bind_int64(statement, 2, fromRevision);
            raw.sqlite3_bind_int64(statement, 3, maxCount);
        }, cancellationToken);
    }

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default)
    {
        var sql = direction == ReadDirection.Forwards
            ? $"SELECT {SqliteRows.ScanColumns} FROM events e WHERE e.position >= ?1 ORDER BY e.position LIMIT ?2"
            : $"SELECT {SqliteRows.ScanColumns} FROM events e WHERE e.position <= ?1 ORDER BY e.position DESC LIMIT ?2";
        return SqliteFastReader.ReadAsync(_connectionString, Path, sql, statement =>
        {
            raw.sqlite3_bind_int64(statement, 1, fromPosition);
            raw.sqlite3_bind_int64(statement, 2, maxCount);
        }, cancellationToken);
    }

    public Task<long> ReadAllRawAsync(long fromPosition, RawEventHandler handler, CancellationToken cancellationToken = default) =>
        SqliteFastReader.ReadRawAsync(_connectionString, Path, fromPosition, handler, cancellationToken);

    public Task<HeadSnapshot> ReadHeadAsync(CancellationToken cancellationToken = default) =>
        SqliteHead.ReadAsync(_connectionString, Path, cancellationToken);

    public async Task<long> ImportHistoryAsync(IAsyncEnumerable<RecordedEvent> history, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            var count = await SqliteHistoryImport.ImportAsync(_connectionString, Path, history, progress, cancellationToken).ConfigureAwait(false);
            _appended.Notify();
            return count;
        }
        catch (SqliteException e)
        {
            throw SqlitePath.Explain(Path, e);
        }
    }

    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = checkpoint ?? 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Take the signal before reading so an append that commits during the read still wakes us.
            var woken = _appended.NextAppend;
            var delivered = 0;
            await foreach (var e in ReadAllAsync(after + 1, ReadDirection.Forwards, PageSize, cancellationToken).ConfigureAwait(false))
            {
                after = e.GlobalPosition;
                delivered++;
                yield return e;
            }
            if (delivered == PageSize)
            {
                continue;
            }
            // Other processes may append to the same file; they cannot signal us, so poll as well, on
            // the real clock: polling is plumbing, not the ledger's transaction time.
            try
            {
                await woken.WaitAsync(CrossProcessPollInterval, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing twice is allowed (IAsyncDisposable's rule); the writer is gone after the first time.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        // Appends already queued are committed (and acknowledged) before the file is closed.
        await _groupCommit.DisposeAsync().ConfigureAwait(false);
        try
        {
            Pragmas(_writer, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException)
        {
            // Checkpointing is an optimisation at close; the WAL is replayed on next open anyway.
        }
        await _writer.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearPool(_writer);
    }

    private static void Pragmas(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
