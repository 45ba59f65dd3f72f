using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Integrity;

/// <summary>
/// Links for per-stream chains (<see cref="HashChainScope.Stream"/>): walking the log in order, each event
/// must follow the previous event of its own stream (revision + 1, from 0), carry SHA-256(that event's
/// hash ‖ its own canonical bytes), and not be recorded before it; positions must strictly increase. A
/// running SHA-256 over every (position, hash) pair is the log's digest: two logs with the same digest
/// hold the same events in the same order.
/// </summary>
internal sealed class StreamChainLinks : IChainLinks, IDisposable
{
    private readonly Dictionary<string, (long Revision, ReadOnlyMemory<byte> Hash, DateTimeOffset Recorded)> _streams = new(StringComparer.Ordinal);
    private readonly IncrementalHash _digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _position = new byte[8];
    private bool _any;

    public (long Position, string Problem)? Take(RecordedEvent e, long lastPosition)
    {
        var problem = Check(e, _streams.TryGetValue(e.Stream, out var before) ? before : null, lastPosition);
        if (problem is not null)
        {
            return (e.GlobalPosition, problem);
        }
        _streams[e.Stream] = (e.StreamRevision, e.Hash, e.Recorded);
        BinaryPrimitives.WriteInt64BigEndian(_position, e.GlobalPosition);
        _digest.AppendData(_position);
        _digest.AppendData(e.Hash.Span);
        _any = true;
        return null;
    }

    // The empty log's digest is the genesis, as for log-wide chains, so a witness of it reads the same everywhere.
    public byte[] Digest() => _any ? _digest.GetCurrentHash() : HashChain.Genesis.ToArray();

    public void Dispose() => _digest.Dispose();

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
