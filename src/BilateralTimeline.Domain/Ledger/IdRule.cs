using System.Globalization;
using System.Text;

namespace BilateralTimeline.Domain.Ledger;

/// <summary>
/// The one shape of every id a user gives or looks up (sources, claims, occurrences, and the ids that
/// corrections and relations point at). Ids are typed on command lines and compared code unit for
/// code unit, so nothing may print differently from what it is: no bidi or other format characters
/// (an id "t-", U+202E, "evil" prints as "t-live"), no controls, no spaces, no look-alike letters
/// from other scripts.
/// </summary>
public static class IdRule
{
    public const int MaxLength = 100;

    /// <summary>The rule in words, for messages that tell the user how to fix an id.</summary>
    public const string Description = "1 to 100 characters, each an ASCII letter (A–Z, a–z), a digit (0–9) or one of - _ . :";

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' or ':');

    /// <summary>
    /// The text with everything outside printable ASCII written as \u{XXXX}, so that a refused id is
    /// shown as it is, not as a terminal would render its bidi or control characters.
    /// </summary>
    public static string Printable(string text)
    {
        var shown = text.Length > MaxLength ? text[..MaxLength] : text;
        var builder = new StringBuilder(shown.Length);
        foreach (var ch in shown)
        {
            if (ch is >= ' ' and <= '~' && ch != '\\')
            {
                builder.Append(ch);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{{{(int)ch:X4}}}");
            }
        }
        return text.Length > MaxLength ? builder.Append("...").ToString() : builder.ToString();
    }
}
