namespace BilateralTimeline.Application.Ports;

/// <summary>The outcome of re-walking the hash chain.</summary>
/// <param name="EventsChecked">Events whose hash was recomputed.</param>
/// <param name="FirstBrokenPosition">Global position of the first event that does not verify, if any.</param>
/// <param name="Problem">What is wrong there.</param>
/// <param name="LastPosition">The last position that verified.</param>
/// <param name="Digest">
/// Hex SHA-256 that commits to every verified event's hash in log order: the last hash for a log-wide chain,
/// a running digest over (position, hash) for per-stream chains. Note it down to detect later rewrites.
/// </param>
public sealed record ChainVerification(long EventsChecked, long? FirstBrokenPosition, string? Problem, long LastPosition, string? Digest = null)
{
    public bool IsIntact => FirstBrokenPosition is null;
}

/// <summary>
/// Recomputes every hash from the log's content in global order and names the first event whose
/// stored hash, predecessor or numbering does not match. Works on any <see cref="IEventStore"/>.
/// </summary>
public static class ChainVerifier
{
    /// <summary>Verifies the way the adapter chains its hashes (see <see cref="StoreCapabilities.Chain"/>).</summary>
    public static Task<ChainVerification> VerifyAsync(IEventStore store, StoreCapabilities capabilities, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        capabilities.Chain == HashChainScope.Stream
            ? StreamChainVerifier.VerifyAsync(store, progress, cancellationToken)
            : VerifyAsync(store, capabilities.GapFreePositions, progress, cancellationToken);

    public static async Task<ChainVerification> VerifyAsync(IEventStore store, bool expectGapFreePositions, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
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
        return new ChainVerification(checkedCount, null, null, lastPosition, Convert.ToHexStringLower(previous.Span));
    }
}
