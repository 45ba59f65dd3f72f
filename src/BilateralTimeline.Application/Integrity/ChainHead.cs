using System.Globalization;

namespace BilateralTimeline.Application.Integrity;

/// <summary>A position in the log and the chain hash of the event there (32 zero bytes at position 0).</summary>
public sealed record ChainHead(long Position, ReadOnlyMemory<byte> Hash)
{
    public static ChainHead Empty { get; } = new(0, HashChain.Genesis);

    public string ShortHash => Convert.ToHexStringLower(Hash.Span)[..Math.Min(12, Hash.Length * 2)];
}

/// <summary>
/// What the store records as its head beside the log, and the log's actual last event, read in one
/// snapshot. An append moves both in one transaction, so they differ only when somebody changed the
/// log (or the head) behind the store's back.
/// </summary>
/// <param name="Recorded">The head record: the last position handed out and its hash.</param>
/// <param name="Last">The newest event in the log; null when the log holds none.</param>
public sealed record HeadSnapshot(ChainHead Recorded, ChainHead? Last)
{
    /// <summary>
    /// Null when the head link holds; otherwise the first position that is not as the head says and why.
    /// O(1): it compares two rows, it does not re-hash anything.
    /// </summary>
    public (long Position, string Problem)? Check()
    {
        var last = Last ?? ChainHead.Empty;
        var head = Recorded;
        if (last.Position < head.Position)
        {
            var missing = head.Position - last.Position;
            var ends = last.Position == 0 ? "the log holds no events" : string.Create(CultureInfo.InvariantCulture, $"the log ends at {last.Position}");
            return (last.Position + 1, string.Create(CultureInfo.InvariantCulture,
                $"the head records position {head.Position} (hash {head.ShortHash}…) but {ends}: {missing} event{(missing == 1 ? "" : "s")} missing at the tail"));
        }
        if (last.Position > head.Position)
        {
            return (head.Position + 1, string.Create(CultureInfo.InvariantCulture,
                $"the log goes on to position {last.Position} past the recorded head at {head.Position}: events were written outside bt"));
        }
        return last.Hash.Span.SequenceEqual(head.Hash.Span)
            ? null
            : (head.Position, string.Create(CultureInfo.InvariantCulture,
                $"the event at position {head.Position} has hash {last.ShortHash}… but the head records {head.ShortHash}…: the tail was rewritten"));
    }
}
