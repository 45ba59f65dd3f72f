using System.Runtime.CompilerServices;

namespace BilateralTimeline.Application.Projections.StateVersions;

/// <summary>
/// The distinct (weight, Goldstein value) pairs of a dyad's state terms, each numbered once. A claim's weight comes from
/// its confidence grade and modality and its Goldstein value from its CAMEO code, so a dyad of a million versions has a
/// few hundred pairs at most. Pairs are told apart by their exact bits: a number read back is the number stored.
/// </summary>
internal sealed class ScorePairs
{
    private readonly Dictionary<(long Weight, long Goldstein), int> _numbers = [];
    private (double Weight, double Goldstein)[] _pairs = new (double, double)[16];

    /// <summary>Pairs numbered so far.</summary>
    public int Count => _numbers.Count;

    /// <summary>The number of the pair, numbering it when it is new.</summary>
    public int Of(double weight, double goldstein)
    {
        var key = (BitConverter.DoubleToInt64Bits(weight), BitConverter.DoubleToInt64Bits(goldstein));
        if (_numbers.TryGetValue(key, out var number))
        {
            return number;
        }
        number = _numbers.Count;
        if (number == _pairs.Length)
        {
            Array.Resize(ref _pairs, number * 2);
        }
        _pairs[number] = (weight, goldstein);
        _numbers[key] = number;
        return number;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Weight(int number) => _pairs[number].Weight;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Goldstein(int number) => _pairs[number].Goldstein;
}
