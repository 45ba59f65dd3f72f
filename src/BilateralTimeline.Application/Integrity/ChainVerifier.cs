using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Integrity;

/// <summary>The outcome of re-walking the hash chain.</summary>
/// <param name="EventsChecked">Events whose hash was recomputed.</param>
/// <param name="FirstBrokenPosition">Global position of the first event that does not verify, if any.</param>
/// <param name="Problem">What is wrong there.</param>
/// <param name="LastPosition">The last position that verified.</param>
/// <param name="Digest">
/// Hex SHA-256 that commits to every verified event's hash in log order: the last hash for a log-wide chain,
/// a running digest over (position, hash) for per-stream chains. Note it down to detect later rewrites.
/// </param>
/// <param name="Witness">
/// When intact: <c>sha256:DIGEST@LASTPOSITION</c>, the witness to keep outside the store and give back to
/// <c>bt verify --expect</c> later.
/// </param>
/// <param name="Extends">When a witness was expected and the log still extends it: that witness.</param>
public sealed record ChainVerification(long EventsChecked, long? FirstBrokenPosition, string? Problem, long LastPosition, string? Digest = null, string? Witness = null, string? Extends = null)
{
    public bool IsIntact => FirstBrokenPosition is null;
}

/// <summary>
/// Recomputes every hash from the log's content in global order and names the first event whose
/// stored hash, predecessor or numbering does not match. Works on any <see cref="IEventStore"/>.
/// </summary>
public static class ChainVerifier
{
    /// <summary>
    /// Verifies the way the adapter chains its hashes (see <see cref="StoreCapabilities.Chain"/>), then
    /// the end of the walk against the store's head record when it keeps one, and the log against
    /// <paramref name="expect"/> when given.
    /// </summary>
    public static async Task<ChainVerification> VerifyAsync(IEventStore store, StoreCapabilities capabilities, IProgress<long>? progress = null, CancellationToken cancellationToken = default, ChainWitness? expect = null)
    {
        ChainVerification walked;
        if (capabilities.Chain == HashChainScope.Stream)
        {
            using var links = new StreamChainLinks();
            walked = await ChainWalk.RunAsync(store, links, progress, expect, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            walked = await ChainWalk.RunAsync(store, new LogChainLinks(capabilities.GapFreePositions), progress, expect, cancellationToken).ConfigureAwait(false);
        }
        return await AgainstHeadAsync(store, walked, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A walk alone cannot see events missing after the last one it found; the head record can. The
    /// snapshot is read after the walk, so appends that landed meanwhile are past the walk, never a gap.
    /// </summary>
    private static async Task<ChainVerification> AgainstHeadAsync(IEventStore store, ChainVerification walked, CancellationToken cancellationToken)
    {
        if (!walked.IsIntact || store is not IRecordsChainHead anchored)
        {
            return walked;
        }
        var snapshot = await anchored.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot.Check() is { } broken)
        {
            return walked with { FirstBrokenPosition = broken.Position, Problem = broken.Problem, Digest = null, Witness = null, Extends = null };
        }
        if (walked.LastPosition > snapshot.Recorded.Position)
        {
            return walked with { FirstBrokenPosition = snapshot.Recorded.Position + 1, Problem = $"the log goes on to position {walked.LastPosition} past the recorded head at {snapshot.Recorded.Position}: events were written outside bt", Digest = null, Witness = null, Extends = null };
        }
        return walked;
    }
}
