namespace BilateralTimeline.Application.Projections.Views;

/// <summary>
/// An awaited turn that one caller holds at a time (a question re-reads the store asynchronously while holding it, so a
/// thread-bound lock cannot): how a server keeps a second fold of the same history from starting beside the first.
/// </summary>
internal sealed class OneAtATime
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for the turn; disposing what it returns ends the turn (once, however often it is disposed).</summary>
    public async Task<IDisposable> TurnAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(_turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
