using System.Buffers;
using System.Globalization;

namespace BilateralTimeline.Application.Validation;

/// <summary>
/// What a text field (a summary, a quote, a reason, a name, a source's article) may hold: any
/// character except controls, which no article or analyst's note needs and which can hide or rewrite
/// what a terminal shows (NUL, escape sequences, backspace). Tab, line feed and carriage return stay
/// allowed: articles have paragraphs, and files saved on Windows end lines with CR LF. A lone UTF-16
/// surrogate is refused as well: it is not text in any encoding and cannot be stored as UTF-8.
/// </summary>
public static class TextRule
{
    // Every character the walk below can refuse: controls but tab and line breaks, and surrogates (which
    // are refused only when unpaired). Text without any of them is fine, and nearly all text is.
    private static readonly SearchValues<char> Suspicious = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || char.IsSurrogate(c))));

    /// <summary>Why <paramref name="text"/> is refused, naming the first bad character and its UTF-16 offset (never quoting the text); null when it is fine.</summary>
    /// <remarks>
    /// A vectorised search rules out the common case first: an import checks every string of a hundred
    /// thousand parts, and the character-by-character walk cost more than the rest of its text rule.
    /// </remarks>
    public static string? Problem(string text) =>
        text.AsSpan().ContainsAny(Suspicious) ? ProblemByWalk(text) : null;

    /// <summary>The character-by-character rule (<see cref="Problem"/>'s oracle in the tests).</summary>
    internal static string? ProblemByWalk(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsControl(ch) && ch is not ('\t' or '\n' or '\r'))
            {
                return $"holds the control character U+{(int)ch:X4} at offset {i.ToString(CultureInfo.InvariantCulture)}; remove it (text may hold tabs and line breaks, no other control characters)";
            }
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(ch))
            {
                return $"holds a lone UTF-16 surrogate U+{(int)ch:X4} at offset {i.ToString(CultureInfo.InvariantCulture)}, which is not a character; fix the text's encoding";
            }
        }
        return null;
    }

    /// <summary>
    /// The text with controls, format characters (bidi overrides) and lone surrogates written as
    /// \u{XXXX}, for echoing a user's value (a path) in a message without letting it rewrite the terminal.
    /// </summary>
    public static string Visible(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (char.IsControl(ch) || char.IsSurrogate(ch) || char.GetUnicodeCategory(ch) == UnicodeCategory.Format)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{{{(int)ch:X4}}}");
            }
            else
            {
                builder.Append(ch);
            }
        }
        return builder.ToString();
    }
}
