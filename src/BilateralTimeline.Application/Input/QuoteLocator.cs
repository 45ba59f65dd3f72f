using System.Globalization;

namespace BilateralTimeline.Application.Input;

/// <summary>
/// Finds a quote given by its words in its source. The match is ordinal on the exact characters:
/// a quote that differs from the source in whitespace or in Arabic letter forms is not found, because
/// a quote is evidence and must be the source's own characters.
/// </summary>
internal static class QuoteLocator
{
    /// <summary>Every start of <paramref name="quote"/> in <paramref name="text"/>, overlapping ones included.</summary>
    public static List<int> Positions(string text, string quote)
    {
        var found = new List<int>();
        if (quote.Length == 0)
        {
            return found;
        }
        for (var at = text.IndexOf(quote, StringComparison.Ordinal); at >= 0; at = text.IndexOf(quote, at + 1, StringComparison.Ordinal))
        {
            found.Add(at);
        }
        return found;
    }

    /// <summary>The start of the chosen occurrence, or the reason there is none (absent, ambiguous, nth out of range).</summary>
    public static (int? Start, string? Problem) Locate(string sourceId, string text, string quote, int? nth)
    {
        var positions = Positions(text, quote);
        if (positions.Count == 0)
        {
            return (null, $"«{Shorten(quote)}» does not occur in source '{sourceId}'; a quote must be the source's exact characters (whitespace and Arabic letter forms are not normalised)");
        }
        var listed = Listed(positions, quote.Length);
        if (nth is { } n)
        {
            return n >= 1 && n <= positions.Count
                ? (positions[n - 1], null)
                : (null, $"nth is {n} but «{Shorten(quote)}» occurs {positions.Count} time(s) in source '{sourceId}', at {listed}; use 1..{positions.Count}");
        }
        return positions.Count == 1
            ? (positions[0], null)
            : (null, $"«{Shorten(quote)}» occurs {positions.Count} times in source '{sourceId}', at {listed}; add \"nth\": 1..{positions.Count} to choose one, or give start and end");
    }

    /// <summary>The document with the offsets of every locatable by-words quote filled in; the others are left as given.</summary>
    public static ImportDocument Fill(ImportDocument document, Func<string, string?> textOf)
    {
        if (document.Claims is not { } claims || !claims.Any(c => c?.Quotes?.Any(q => q is { ByWords: true, Text: not null }) == true))
        {
            return document;
        }
        var filled = claims.Select(c => c?.Quotes is null || c.Source is null || textOf(c.Source) is not { } text
            ? c
            : c with
            {
                Quotes = c.Quotes.Select(q => q is { ByWords: true, Text: { } words } && Locate(c.Source, text, words, q.Nth).Start is { } start
                    ? new QuoteDto(start, start + words.Length, words)
                    : q).ToList(),
            }).ToList();
        return document with { Claims = filled! };
    }

    private static string Listed(List<int> positions, int length) =>
        string.Join(", ", positions.Take(10).Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}: [{p}, {p + length})")))
        + (positions.Count > 10 ? $" and {positions.Count - 10} more" : "");

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
