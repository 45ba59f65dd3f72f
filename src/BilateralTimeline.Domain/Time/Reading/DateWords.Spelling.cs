using System.Text;

namespace BilateralTimeline.Domain.Time.Reading;

/// <summary>How a phrase becomes the tokens the word tables are keyed by.</summary>
public static partial class DateWords
{
    /// <summary>
    /// Folds the spelling variants that carry no date meaning, so one table entry matches them all:
    /// alef forms, taa marbuta, alef maqsura, tatweel, diacritics, Persian letters, Arabic-Indic and
    /// Persian digits, case, and every separator (including / \ | between alternative month names).
    /// Digits and letters are split apart ("18شهرا", "2017م") because sources run them together.
    /// </summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var previous = ' ';
        foreach (var raw in text)
        {
            var ch = Fold(raw);
            if (ch == '\0')
            {
                continue;
            }
            if (ch != ' ' && previous != ' ' && char.IsAsciiDigit(ch) != char.IsAsciiDigit(previous))
            {
                sb.Append(' ');
            }
            if (ch == ' ' && previous == ' ')
            {
                continue;
            }
            sb.Append(ch);
            previous = ch;
        }
        return sb.ToString().Trim();
    }

    private static char Fold(char ch) => ch switch
    {
        'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' => 'ي',
        'ی' => 'ي',
        'ک' => 'ك',
        '\u0640' => '\0',
        >= '\u064B' and <= '\u065F' => '\0',
        '\u0670' => '\0',
        >= '\u0610' and <= '\u061A' => '\0',
        '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u061C' => '\0',
        >= '\u0660' and <= '\u0669' => (char)('0' + (ch - '\u0660')),
        >= '\u06F0' and <= '\u06F9' => (char)('0' + (ch - '\u06F0')),
        _ when char.IsLetterOrDigit(ch) => char.ToLowerInvariant(ch),
        _ => ' ',
    };

    public static string[] Tokenize(string normalized) =>
        normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The token and its forms without a clinging conjunction or preposition (و ف ب ل).</summary>
    private static IEnumerable<string> Variants(string token)
    {
        yield return token;
        var rest = token;
        for (var i = 0; i < 2 && rest.Length > 3 && "وفبل".Contains(rest[0], StringComparison.Ordinal); i++)
        {
            rest = rest[1..];
            yield return rest;
        }
    }
}
