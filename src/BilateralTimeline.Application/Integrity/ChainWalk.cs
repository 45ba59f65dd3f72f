using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Integrity;

/// <summary>How one chain scope links an event to what came before it, for <see cref="ChainWalk"/>.</summary>
internal interface IChainLinks
{
    /// <summary>
    /// Null when <paramref name="e"/> links to what was taken before (it is then taken in); otherwise
    /// the first position that is not as it should be, and why.
    /// </summary>
    (long Position, string Problem)? Take(RecordedEvent e, long lastPosition);

    /// <summary>The digest after the last event taken in; the chain's genesis before the first.</summary>
    byte[] Digest();
}

/// <summary>
/// The one walk over the log that both chain scopes verify with: unreadable events, broken links,
/// the witness and progress are handled here, what a link is in <see cref="IChainLinks"/>.
/// </summary>
internal static class ChainWalk
{
    private const int ProgressEvery = 10_000;

    public static async Task<ChainVerification> RunAsync(IEventStore store, IChainLinks links, IProgress<long>? progress, ChainWitness? expect, CancellationToken cancellationToken)
    {
        var witness = new WitnessCheck(expect);
        long checkedCount = 0;
        long lastPosition = 0;
        var enumerator = store.ReadAllAsync(cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                RecordedEvent e;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                    e = enumerator.Current;
                }
                catch (CorruptEventException corrupt)
                {
                    return new ChainVerification(checkedCount, corrupt.GlobalPosition, corrupt.Message, lastPosition);
                }
                var broken = links.Take(e, lastPosition) ?? witness.Step(e.GlobalPosition, links.Digest);
                if (broken is { } at)
                {
                    return new ChainVerification(checkedCount, at.Position, at.Problem, lastPosition);
                }
                lastPosition = e.GlobalPosition;
                checkedCount++;
                if (checkedCount % ProgressEvery == 0)
                {
                    progress?.Report(checkedCount);
                }
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
        progress?.Report(checkedCount);
        if (witness.End(lastPosition) is { } cut)
        {
            return new ChainVerification(checkedCount, cut.Position, cut.Problem, lastPosition);
        }
        var digest = Convert.ToHexStringLower(links.Digest());
        return new ChainVerification(checkedCount, null, null, lastPosition, digest, new ChainWitness(lastPosition, digest).ToString(), expect?.ToString());
    }
}
