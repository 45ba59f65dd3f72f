using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Shared;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// Group commit: appends that arrive while a commit is being made wait and then share the next
/// transaction and its single fsync. Each append runs inside its own savepoint, so one that fails
/// (a stale revision, a duplicate id) is rolled back alone and the others still commit. Nobody is
/// acknowledged before the shared commit is durable.
/// </summary>
internal sealed class SqliteGroupCommit : IAsyncDisposable
{
    private const int MaxAppendsPerCommit = 1024;
    private const int MaxEventsPerCommit = 50_000;

    private readonly SqliteConnection _connection;
    private readonly SqliteAppender _appender;
    private readonly string _path;
    private readonly Action _committed;
    private readonly AppendQueue _queue;

    public SqliteGroupCommit(SqliteConnection connection, TimeProvider clock, string path, Action committed)
    {
        _connection = connection;
        _appender = new SqliteAppender(connection, clock);
        _path = path;
        _committed = committed;
        _queue = new AppendQueue(group =>
        {
            Commit(group);
            return Task.CompletedTask;
        }, MaxAppendsPerCommit, MaxEventsPerCommit, nameof(SqliteEventStore));
    }

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken) =>
        _queue.AppendAsync(stream, expected, events, cancellationToken);

    private void Commit(IReadOnlyList<PendingAppend> group)
    {
        var done = new List<(PendingAppend Pending, AppendResult Result)>(group.Count);
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            foreach (var pending in group)
            {
                if (pending.Cancellation.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.Cancellation);
                    continue;
                }
                transaction.Save("append");
                try
                {
                    done.Add((pending, _appender.Append(transaction, pending.Stream, pending.Expected, pending.Events)));
                    transaction.Release("append");
                }
                catch (Exception e)
                {
                    transaction.Rollback("append");
                    transaction.Release("append");
                    pending.Completion.TrySetException(Translate(e));
                }
            }
            transaction.Commit();
        }
        catch (Exception e)
        {
            // The shared commit failed: none of the appends in it happened.
            var error = Translate(e);
            foreach (var (pending, _) in done)
            {
                pending.Completion.TrySetException(error);
            }
            foreach (var pending in group)
            {
                pending.Completion.TrySetException(error);
            }
            return;
        }
        foreach (var (pending, result) in done)
        {
            pending.Completion.TrySetResult(result);
        }
        if (done.Exists(d => !d.Result.AlreadyRecorded))
        {
            _committed();
        }
    }

    private Exception Translate(Exception e) => e is SqliteException sqlite ? SqlitePath.Explain(_path, sqlite) : e;

    public async ValueTask DisposeAsync()
    {
        await _queue.DisposeAsync().ConfigureAwait(false);
        _appender.Dispose();
    }

}
