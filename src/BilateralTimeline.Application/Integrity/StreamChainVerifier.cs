using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Integrity;

/// <summary>
/// Verification for per-stream chains (<see cref="HashChainScope.Stream"/>): walking the log in order,
/// each event must follow the previous event of its own stream (revision + 1, from 0), carry
/// SHA-256(that event's hash ‖ its own canonical bytes), and not be recorded before it; positions must
/// strictly increase. A running SHA-256 over every (position, hash) pair is the log's digest: two logs
/// with the same digest hold the same events in the same order.
/// </summary>
public static class StreamChainVerifier
{
    public static async Task<ChainVerification> VerifyAsync(IEventStore store, IProgress<long>? progress = null, CancellationToken cancellationToken = default, ChainWitness? expect = null)
    {
        var witness = new WitnessCheck(expect);
        var streams = new Dictionary<string, (long Revision, ReadOnlyMemory<byte> Hash, DateTimeOffset Recorded)>(StringComparer.Ordinal);
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var position = new byte[8];
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
                var problem = Check(e, streams.TryGetValue(e.Stream, out var before) ? before : null, lastPosition);
                if (problem is not null)
                {
                    return new ChainVerification(checkedCount, e.GlobalPosition, problem, lastPosition);
                }
                streams[e.Stream] = (e.StreamRevision, e.Hash, e.Recorded);
                BinaryPrimitives.WriteInt64BigEndian(position, e.GlobalPosition);
                digest.AppendData(position);
                digest.AppendData(e.Hash.Span);
                if (witness.Step(e.GlobalPosition, digest.GetCurrentHash) is { } rewritten)
                {
                    return new ChainVerification(checkedCount, rewritten.Position, rewritten.Problem, lastPosition);
                }
                lastPosition = e.GlobalPosition;
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
        // The empty log's digest is the genesis, as for log-wide chains, so a witness of it reads the same everywhere.
        var hex = Convert.ToHexStringLower(checkedCount == 0 ? HashChain.Genesis.Span : digest.GetHashAndReset());
        return new ChainVerification(checkedCount, null, null, lastPosition, hex, new ChainWitness(lastPosition, hex).ToString(), expect?.ToString());
    }

    private static string? Check(RecordedEvent e, (long Revision, ReadOnlyMemory<byte> Hash, DateTimeOffset Recorded)? before, long lastPosition)
    {
        if (e.GlobalPosition <= lastPosition)
        {
            return $"position {e.GlobalPosition} does not come after {lastPosition}";
        }
        if (e.Hash.Length != HashChain.HashLength)
        {
            return $"{e.Stream}@{e.StreamRevision} carries no chain hash: it was not written through bt";
        }
        var expectedRevision = before is { } b ? b.Revision + 1 : 0;
        if (e.StreamRevision != expectedRevision)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{e.Stream} jumps to revision {e.StreamRevision} where {expectedRevision} was due: events are missing");
        }
        if (before is { } previous && e.Recorded < previous.Recorded)
        {
            return "recorded time goes backwards within the stream";
        }
        var expected = HashChain.Expected((before?.Hash ?? HashChain.Genesis).Span, e);
        return expected.AsSpan().SequenceEqual(e.Hash.Span)
            ? null
            : "stored hash does not match the event's content and the hash of its stream's previous event";
    }
}
