using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Shared;
using Npgsql;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>
/// The server event store: one schema in a PostgreSQL database, shared by any number of processes.
/// Appends are serialised on the head row (see <see cref="PostgresAppender"/>) and group-committed per
/// process; reads stream rows by position; subscriptions sleep on LISTEN and read when NOTIFY wakes them.
/// </summary>
public sealed class PostgresEventStore : IEventStore, IHistoryImport, IRecordsChainHead, IRawLogReader
{
    private const int SubscriptionPageSize = 4096;

    // NOTIFY is transactional and never lost while we listen, so this is only a safety net for a
    // notification that raced a reconnect; it is not how new events are normally found.
    private static readonly TimeSpan SafetyPoll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresGroupCommit _groupCommit;
    private readonly string _readAllForwards;
    private readonly string _readAllBackwards;
    private readonly string _readStreamForwards;
    private readonly string _readStreamBackwards;
    private readonly string _readAllRaw;
    private int _disposed;

    private PostgresEventStore(NpgsqlDataSource dataSource, PostgresLocation location, TimeProvider clock)
    {
        _dataSource = dataSource;
        Location = location;
        _groupCommit = new PostgresGroupCommit(dataSource, location, clock);
        var events = $"{location.Quoted}.events";
        _readAllForwards = $"SELECT {PostgresRows.Columns} FROM {events} WHERE position >= $1 ORDER BY position LIMIT $2";
        _readAllBackwards = $"SELECT {PostgresRows.Columns} FROM {events} WHERE position <= $1 ORDER BY position DESC LIMIT $2";
        _readStreamForwards = $"SELECT {PostgresRows.Columns} FROM {events} WHERE stream = $3 AND revision >= $1 ORDER BY revision LIMIT $2";
        _readAllRaw = PostgresRawReader.Sql(events);
        _readStreamBackwards = $"SELECT {PostgresRows.Columns} FROM {events} WHERE stream = $3 AND revision <= $1 ORDER BY revision DESC LIMIT $2";
    }

    public PostgresLocation Location { get; }

    /// <summary>Positions are gap-free (taken under the head lock) and the hash chain spans the whole log.</summary>
    public static StoreCapabilities Capabilities { get; } = new("postgres", GapFreePositions: true);

    /// <summary>Connects, creating or upgrading the schema if needed (see <see cref="MigrateAsync(PostgresLocation, CancellationToken)"/>).</summary>
    /// <exception cref="EventStoreUnavailableException">The server cannot be reached, refuses us, or the schema is not ours.</exception>
    public static async Task<PostgresEventStore> OpenAsync(PostgresLocation location, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var dataSource = NpgsqlDataSource.Create(location.ConnectionString);
        try
        {
            await MigrateAsync(dataSource, location, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new PostgresEventStore(dataSource, location, clock);
    }

    /// <summary>Creates the schema when it is missing, upgrades an older one, and says what it found.</summary>
    public static async Task<MigrationOutcome> MigrateAsync(PostgresLocation location, CancellationToken cancellationToken = default)
    {
        await using var dataSource = NpgsqlDataSource.Create(location.ConnectionString);
        return await MigrateAsync(dataSource, location, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<MigrationOutcome> MigrateAsync(NpgsqlDataSource dataSource, PostgresLocation location, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await PostgresSchema.MigrateAsync(connection, location, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PostgresErrors.Explain(location, e);
        }
    }

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        AppendLimits.Validate(stream, events);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _groupCommit.AppendAsync(stream, expected, events, cancellationToken);
    }

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        ReadAsync(direction == ReadDirection.Forwards ? _readStreamForwards : _readStreamBackwards, fromRevision, maxCount, stream, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        ReadAsync(direction == ReadDirection.Forwards ? _readAllForwards : _readAllBackwards, fromPosition, maxCount, null, cancellationToken);

    private async IAsyncEnumerable<RecordedEvent> ReadAsync(string sql, long from, long maxCount, string? stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (maxCount <= 0)
        {
            yield break;
        }
        NpgsqlConnection connection;
        NpgsqlDataReader reader;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PostgresErrors.Explain(Location, e);
        }
        await using var _ = connection.ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = maxCount });
        if (stream is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        }
        try
        {
            reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PostgresErrors.Explain(Location, e);
        }
        await using var __ = reader.ConfigureAwait(false);
        var rows = new PostgresRows();
        while (true)
        {
            try
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw PostgresErrors.Explain(Location, e);
            }
            yield return rows.Decode(reader);
        }
    }

    public Task<long> ReadAllRawAsync(long fromPosition, RawEventHandler handler, CancellationToken cancellationToken = default) =>
        PostgresRawReader.ReadAsync(_dataSource, Location, _readAllRaw, fromPosition, handler, cancellationToken);

    public async Task<HeadSnapshot> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            // One statement, one snapshot: the head row and the last event agree unless the log was changed behind bt.
            await using var command = new NpgsqlCommand(
                $"SELECT h.position, h.hash, e.position, e.hash FROM {Location.Quoted}.head h LEFT JOIN LATERAL (SELECT position, hash FROM {Location.Quoted}.events ORDER BY position DESC LIMIT 1) e ON true",
                connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new DamagedLogException(0, $"schema '{Location.Schema}' at {Location.Describe()} has lost its head row: the store was changed outside bt; nothing was read or recorded; restore it from a backup");
            }
            var recorded = new ChainHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
            ChainHead? last = reader.IsDBNull(2) ? null : new ChainHead(reader.GetInt64(2), reader.GetFieldValue<byte[]>(3));
            return new HeadSnapshot(recorded, last);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PostgresErrors.Explain(Location, e);
        }
    }

    public async Task<long> ImportHistoryAsync(IAsyncEnumerable<RecordedEvent> history, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await PostgresHistoryImport.ImportAsync(_dataSource, Location, history, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PostgresErrors.Explain(Location, e);
        }
    }

    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = checkpoint ?? 0;
        var delay = TimeSpan.FromMilliseconds(100);
        while (!cancellationToken.IsCancellationRequested)
        {
            // The listener is (re)opened before reading, so an append committed during the read still wakes us.
            await using var listener = await TryListenAsync(cancellationToken).ConfigureAwait(false);
            if (listener is null)
            {
                if (!await SleepAsync(delay, cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }
                delay = delay * 2 > MaxReconnectDelay ? MaxReconnectDelay : delay * 2;
                continue;
            }
            delay = TimeSpan.FromMilliseconds(100);
            while (!cancellationToken.IsCancellationRequested)
            {
                var page = new List<RecordedEvent>(SubscriptionPageSize);
                if (!await TryReadPageAsync(after, page, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
                foreach (var e in page)
                {
                    after = e.GlobalPosition;
                    yield return e;
                }
                if (page.Count == SubscriptionPageSize)
                {
                    continue;
                }
                if (!await TryWaitAsync(listener, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
    }

    private async Task<NpgsqlConnection?> TryListenAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection? connection = null;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var listen = new NpgsqlCommand($"LISTEN \"{Location.Channel}\"", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e) when (e is not OperationCanceledException && PostgresErrors.IsConnectionFailure(e))
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            return null;
        }
    }

    /// <summary>Reads the next page into <paramref name="page"/>; false when the server went away (the caller reconnects).</summary>
    private async Task<bool> TryReadPageAsync(long after, List<RecordedEvent> page, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in ReadAllAsync(after + 1, ReadDirection.Forwards, SubscriptionPageSize, cancellationToken).ConfigureAwait(false))
            {
                page.Add(e);
            }
            return true;
        }
        catch (EventStoreUnavailableException e) when (e.InnerException is { } inner && PostgresErrors.IsConnectionFailure(inner))
        {
            // A page is delivered whole or not at all, so nothing is handed out twice after reconnecting.
            page.Clear();
            return false;
        }
    }

    private static async Task<bool> TryWaitAsync(NpgsqlConnection listener, CancellationToken cancellationToken)
    {
        try
        {
            await listener.WaitAsync(SafetyPoll, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
        catch (Exception e) when (PostgresErrors.IsConnectionFailure(e))
        {
            return false;
        }
    }

    private static async Task<bool> SleepAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _groupCommit.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
