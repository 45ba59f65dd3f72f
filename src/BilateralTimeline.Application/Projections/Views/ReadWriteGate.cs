namespace BilateralTimeline.Application.Projections.Views;

/// <summary>
/// Many readers or one writer, awaited rather than blocking a thread (the questions re-read the store
/// asynchronously, so a thread-bound <see cref="ReaderWriterLockSlim"/> cannot hold across them). A waiting
/// writer closes the turnstile: readers that come after it wait, so a steady stream of questions cannot
/// starve the catch-up that folds a write in.
/// </summary>
internal sealed class ReadWriteGate
{
    private readonly SemaphoreSlim _turnstile = new(1, 1);
    private readonly SemaphoreSlim _room = new(1, 1);
    private readonly SemaphoreSlim _counter = new(1, 1);
    private int _readers;

    public async Task<IDisposable> ReadAsync(CancellationToken cancellationToken)
    {
        await _turnstile.WaitAsync(cancellationToken).ConfigureAwait(false);
        _turnstile.Release();
        await _counter.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (++_readers == 1)
            {
                try
                {
                    await _room.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    _readers--;
                    throw;
                }
            }
        }
        finally
        {
            _counter.Release();
        }
        return new Release(LeaveRead);
    }

    public async Task<IDisposable> WriteAsync(CancellationToken cancellationToken)
    {
        await _turnstile.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _turnstile.Release();
            throw;
        }
        return new Release(() =>
        {
            _room.Release();
            _turnstile.Release();
        });
    }

    private void LeaveRead()
    {
        // Not cancellable: a reader that leaves must always let the room go.
        _counter.Wait();
        try
        {
            if (--_readers == 0)
            {
                _room.Release();
            }
        }
        finally
        {
            _counter.Release();
        }
    }

    private sealed class Release(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
