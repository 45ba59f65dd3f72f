using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Shared;
using Npgsql;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>
/// Group commit: appends that arrive while a transaction is being committed wait and share the next one
/// and its single WAL flush. One writer connection per store; it is replaced if the server drops it.
/// Nobody is acknowledged before the shared commit returned.
/// </summary>
internal sealed class PostgresGroupCommit : IAsyncDisposable
{
    private const int MaxAppendsPerCommit = 512;
    private const int MaxEventsPerCommit = 50_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresLocation _at;
    private readonly PostgresAppender _appender;
    private readonly AppendQueue _queue;
    private NpgsqlConnection? _connection;

    public PostgresGroupCommit(NpgsqlDataSource dataSource, PostgresLocation at, TimeProvider clock)
    {
        _dataSource = dataSource;
        _at = at;
        _appender = new PostgresAppender(at, clock);
        _queue = new AppendQueue(CommitAsync, MaxAppendsPerCommit, MaxEventsPerCommit, nameof(PostgresEventStore));
    }

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken) =>
        _queue.AppendAsync(stream, expected, events, cancellationToken);

    private async Task CommitAsync(IReadOnlyList<PendingAppend> group)
    {
        object[] outcomes;
        var committing = false;
        try
        {
            _connection ??= await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
            committing = true;
            outcomes = await _appender.AppendGroupAsync(_connection, group, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The connection may be dead (server restarted): the next group gets a fresh one.
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
            }
            var error = PostgresErrors.Explain(_at, e);
            if (committing && PostgresErrors.IsConnectionFailure(e))
            {
                error = new EventStoreUnavailableException(
                    $"{error.Message}. If the connection was lost while committing, the append may or may not have been stored: retry it with the same event ids, which is safe (appends are idempotent)", e);
            }
            foreach (var pending in group)
            {
                pending.Completion.TrySetException(error);
            }
            return;
        }
        for (var i = 0; i < group.Count; i++)
        {
            switch (outcomes[i])
            {
                case AppendResult result:
                    group[i].Completion.TrySetResult(result);
                    break;
                case OperationCanceledException:
                    group[i].Completion.TrySetCanceled(group[i].Cancellation);
                    break;
                default:
                    group[i].Completion.TrySetException((Exception)outcomes[i]);
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _queue.DisposeAsync().ConfigureAwait(false);
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

}
