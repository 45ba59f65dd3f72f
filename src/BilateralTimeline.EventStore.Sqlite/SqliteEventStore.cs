using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ports;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode with synchronous=FULL, so an append is
/// acknowledged only after its commit record is fsynced. Writers serialise on SQLite's write lock
/// (BEGIN IMMEDIATE), which also makes global positions gap-free across processes sharing the file.
/// </summary>
public sealed class SqliteEventStore : IEventStore
{
    private const int PageSize = 2048;
    private static readonly TimeSpan CrossProcessPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly AppendSignal _appended = new();

    private SqliteEventStore(string path, string connectionString, TimeProvider clock, SqliteConnection writer)
    {
        Path = path;
        _connectionString = connectionString;
        _clock = clock;
        _writer = writer;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

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
        try
        {
            writer.Open();
            Pragmas(writer, "PRAGMA busy_timeout = 10000;");
            // Identify the file before switching it to WAL: journal_mode is written into the file header,
            // so switching first would modify a database that turns out to belong to another application.
            SqliteSchema.EnsureCreated(writer, full);
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
            writer.Dispose();
            throw;
        }
        return new SqliteEventStore(full, connectionString, clock, writer);
    }

    public async Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        StreamName.Validate(stream);
        if (events.Count == 0)
        {
            throw new ArgumentException("nothing to append: give at least one event", nameof(events));
        }
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = SqliteAppend.Run(_writer, stream, expected, events, _clock);
            if (!result.AlreadyRecorded)
            {
                _appended.Notify();
            }
            return result;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 8 or 10 or 11 or 13 or 14 or 26)
        {
            throw SqlitePath.Explain(Path, e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sql = direction == ReadDirection.Forwards
            ? $"SELECT {SqliteRows.Columns} FROM events WHERE stream = $stream AND revision >= $from ORDER BY revision LIMIT $max"
            : $"SELECT {SqliteRows.Columns} FROM events WHERE stream = $stream AND revision <= $from ORDER BY revision DESC LIMIT $max";
        await foreach (var e in Query(sql, c =>
        {
            c.Parameters.AddWithValue("$stream", stream);
            c.Parameters.AddWithValue("$from", fromRevision);
            c.Parameters.AddWithValue("$max", maxCount);
        }, cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sql = direction == ReadDirection.Forwards
            ? $"SELECT {SqliteRows.Columns} FROM events WHERE position >= $from ORDER BY position LIMIT $max"
            : $"SELECT {SqliteRows.Columns} FROM events WHERE position <= $from ORDER BY position DESC LIMIT $max";
        await foreach (var e in Query(sql, c =>
        {
            c.Parameters.AddWithValue("$from", fromPosition);
            c.Parameters.AddWithValue("$max", maxCount);
        }, cancellationToken).ConfigureAwait(false))
        {
            yield return e;
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
            // Other processes may append to the same file; they cannot signal us, so poll as well.
            try
            {
                await woken.WaitAsync(CrossProcessPollInterval, _clock, cancellationToken).ConfigureAwait(false);
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

    private async IAsyncEnumerable<RecordedEvent> Query(string sql, Action<SqliteCommand> bind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        SqliteDataReader reader;
        SqliteCommand command;
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw SqlitePath.Explain(Path, e);
        }
        await using (command.ConfigureAwait(false))
        await using (reader.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = reader.Read();
                }
                catch (SqliteException e)
                {
                    throw SqlitePath.Explain(Path, e);
                }
                if (!more)
                {
                    break;
                }
                yield return SqliteRows.Decode(reader);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
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
        _writeGate.Dispose();
    }

    private static void Pragmas(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
