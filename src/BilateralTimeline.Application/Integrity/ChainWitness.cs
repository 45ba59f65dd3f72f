using System.Globalization;

namespace BilateralTimeline.Application.Integrity;

/// <summary>
/// A digest of the log up to a position, written <c>sha256:HEX@POSITION</c>, that a user keeps outside
/// the store. For a log-wide chain HEX is the chain hash of the event at POSITION, which commits to every
/// event before it; for per-stream chains it is the running digest over (position, hash) up to POSITION.
/// A later <c>bt verify --expect</c> proves the log still extends it: nothing up to POSITION was cut or
/// rewritten, even by someone who rewrote the whole log and its head consistently.
/// </summary>
public sealed record ChainWitness(long Position, string Digest)
{
    public const string Format = "sha256:<64 hex digits>@<position>, as the verification of the log printed it after \"digest:\"";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"sha256:{Digest}@{Position}");

    /// <summary>Parses <see cref="Format"/>; null with the reason when it is not that.</summary>
    public static ChainWitness? TryParse(string? text, out string? problem)
    {
        problem = null;
        var value = text?.Trim() ?? "";
        var at = value.LastIndexOf('@');
        if (!value.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) || at < 0)
        {
            problem = $"'{text}' is not a digest; write {Format}";
            return null;
        }
        var hex = value[7..at];
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            problem = $"the digest in '{text}' must be 64 hex digits; write {Format}";
            return null;
        }
        if (!long.TryParse(value[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            problem = $"the position in '{text}' must be a whole number ≥ 0; write {Format}";
            return null;
        }
        return new ChainWitness(position, hex.ToLowerInvariant());
    }
}
