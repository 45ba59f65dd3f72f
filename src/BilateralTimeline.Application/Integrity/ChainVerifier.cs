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
        var walked = capabilities.Chain == HashChainScope.Stream
            ? await StreamChainVerifier.VerifyAsync(store, progress, cancellationToken, expect).ConfigureAwait(false)
            : await VerifyAsync(store, capabilities.GapFreePositions, progress, cancellationToken, expect).ConfigureAwait(false);
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

    public static async Task<ChainVerification> VerifyAsync(IEventStore store, bool expectGapFreePositions, IProgress<long>? progress = null, CancellationToken cancellationToken = default, ChainWitness? expect = null)
    {
        var witness = new WitnessCheck(expect);
        ReadOnlyMemory<byte> previous = HashChain.Genesis;
        long checkedCount = 0;
        long lastPosition = 0;
        var lastRecorded = DateTimeOffset.MinValue;
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
                if (expectGapFreePositions && e.GlobalPosition != lastPosition + 1)
                {
                    return new ChainVerification(checkedCount, lastPosition + 1, $"position {lastPosition + 1} is missing: the next stored event is at {e.GlobalPosition}", lastPosition);
                }
                if (e.Recorded < lastRecorded)
                {
                    return new ChainVerification(checkedCount, e.GlobalPosition, "recorded time goes backwards", lastPosition);
                }
                var expected = HashChain.Expected(previous.Span, e);
                if (!expected.AsSpan().SequenceEqual(e.Hash.Span))
                {
                    return new ChainVerification(checkedCount, e.GlobalPosition, "stored hash does not match the event's content and its predecessor's hash", lastPosition);
                }
                if (witness.Step(e.GlobalPosition, () => e.Hash.ToArray()) is { } rewritten)
                {
                    return new ChainVerification(checkedCount, rewritten.Position, rewritten.Problem, lastPosition);
                }
                previous = e.Hash;
                lastPosition = e.GlobalPosition;
                lastRecorded = e.Recorded;
                checkedCount++;
                if (checkedCount % 10_000 == 0)
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
        var digest = Convert.ToHexStringLower(previous.Span);
        return new ChainVerification(checkedCount, null, null, lastPosition, digest, new ChainWitness(lastPosition, digest).ToString(), expect?.ToString());
    }
}
