namespace BilateralTimeline.Application.Projections.Checkpointed;

/// <summary>
/// Wakes stream readers when a projection committed. Carries no data: readers fetch rows after their
/// own last position from the store, so a slow reader holds no buffer on the server.
/// </summary>
public sealed class ProjectionSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next commit; take it before reading so a commit during the read still wakes you.</summary>
    public Task NextCommit => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
