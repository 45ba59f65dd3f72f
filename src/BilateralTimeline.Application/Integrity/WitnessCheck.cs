using System.Globalization;

namespace BilateralTimeline.Application.Integrity;

/// <summary>
/// Follows a walk of the log and checks it against a <see cref="ChainWitness"/>: the digest after the
/// event at the witness's position must be the one the witness holds, and that position must still be there.
/// </summary>
internal sealed class WitnessCheck(ChainWitness? expect)
{
    private bool _met = expect is null;

    /// <summary>Call after each verified event; the digest is computed only at the witness's position.</summary>
    public (long Position, string Problem)? Step(long position, Func<byte[]> digestAfter)
    {
        if (_met)
        {
            return null;
        }
        var witness = expect!;
        if (witness.Position == 0)
        {
            _met = true;
            return OfTheEmptyLog(witness);
        }
        if (position > witness.Position)
        {
            return (witness.Position, string.Create(CultureInfo.InvariantCulture,
                $"the log no longer holds position {witness.Position} of the witness {witness} (the next event is at {position}): history was rewritten"));
        }
        if (position < witness.Position)
        {
            return null;
        }
        _met = true;
        var now = Convert.ToHexStringLower(digestAfter());
        return now == witness.Digest
            ? null
            : (witness.Position, $"the digest at position {witness.Position} is now sha256:{now} where the witness {witness} was taken: history up to there was rewritten");
    }

    /// <summary>Call when the walk reached the end of the log intact.</summary>
    public (long Position, string Problem)? End(long lastPosition)
    {
        if (_met)
        {
            return null;
        }
        var witness = expect!;
        if (witness.Position == 0)
        {
            return OfTheEmptyLog(witness);
        }
        var ends = lastPosition == 0 ? "the log holds no events" : string.Create(CultureInfo.InvariantCulture, $"the log ends at position {lastPosition}");
        return (witness.Position, string.Create(CultureInfo.InvariantCulture,
            $"{ends}, before position {witness.Position} of the witness {witness}: events were cut from the tail since it was taken"));
    }

    /// <summary>Every log extends the empty one, whose digest is the chain's genesis.</summary>
    private static (long Position, string Problem)? OfTheEmptyLog(ChainWitness witness) =>
        Convert.ToHexStringLower(HashChain.Genesis.Span) == witness.Digest ? null : (0, $"the witness {witness} is not the empty log's digest (64 zeros)");
}
