namespace BilateralTimeline.Domain.Ledger;

/// <summary>
/// An unordered pair of countries (ISO 3166-1 alpha-3). Sorted so that IRN–AZE and AZE–IRN are the
/// same relationship and the same stream.
/// </summary>
public sealed record DyadId
{
    public string First { get; }
    public string Second { get; }

    private DyadId(string first, string second)
    {
        First = first;
        Second = second;
    }

    public static DyadId Of(string a, string b)
    {
        var x = Normalize(a, nameof(a));
        var y = Normalize(b, nameof(b));
        if (x == y)
        {
            throw new DomainRuleViolated("dyad", $"a dyad needs two different countries, got {x} twice");
        }
        return string.CompareOrdinal(x, y) < 0 ? new DyadId(x, y) : new DyadId(y, x);
    }

    /// <summary>Parses "AZE-IRN" (either order, any case).</summary>
    public static DyadId Parse(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            throw new DomainRuleViolated("dyad", $"'{text}' is not a dyad; write two ISO 3166-1 alpha-3 codes joined by '-', e.g. AZE-IRN");
        }
        return Of(parts[0], parts[1]);
    }

    public string StreamName => $"dyad-{First.ToLowerInvariant()}{Second.ToLowerInvariant()}";

    public override string ToString() => $"{First}-{Second}";

    public static bool TryFromStreamName(string stream, out DyadId? dyad)
    {
        dyad = null;
        if (!stream.StartsWith("dyad-", StringComparison.Ordinal) || stream.Length != 11)
        {
            return false;
        }
        var a = stream.Substring(5, 3);
        var b = stream.Substring(8, 3);
        // A Try method must not throw: another program may write streams that only look like ours.
        if (!a.All(char.IsAsciiLetter) || !b.All(char.IsAsciiLetter) || string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        dyad = Of(a, b);
        return true;
    }

    private static string Normalize(string code, string field)
    {
        var c = code.Trim().ToUpperInvariant();
        if (c.Length != 3 || !c.All(char.IsAsciiLetterUpper))
        {
            throw new DomainRuleViolated(field, $"'{code}' is not an ISO 3166-1 alpha-3 country code (three letters, e.g. IRN)");
        }
        return c;
    }
}
