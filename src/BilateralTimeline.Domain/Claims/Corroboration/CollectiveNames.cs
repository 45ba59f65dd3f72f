using System.Text.RegularExpressions;

namespace BilateralTimeline.Domain.Claims.Corroboration;

/// <summary>
/// Tells an identified origin (an outlet, agency or person with a name: "IRNA", "Al-Monitor", "Fars news
/// agency") from a collective description ("Iranian media", "Azerbaijani media", "sources", "observers",
/// "وسائل إعلام إيرانية"). A collective description names nobody who could be asked, so two claims
/// citing "Iranian media" may well rest on one report: it is never an independent origin. A description
/// that goes on to name its members ("Iranian media, including IRNA and Fars") is not collective: it
/// names them.
/// </summary>
public static partial class CollectiveNames
{
    // Nouns that describe a group of unnamed speakers or outlets, in their plural or mass form.
    private static readonly HashSet<string> EnglishHeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "media", "press", "sources", "source", "observers", "reports", "outlets", "officials", "analysts", "experts",
        "activists", "circles", "agencies", "journalists", "commentators", "witnesses", "users", "newspapers",
        "channels", "websites", "sites", "accounts", "bloggers", "insiders", "diplomats",
    };

    // Words that may stand before the head without naming anyone: nationalities, "state", "local" and the like.
    private static readonly HashSet<string> EnglishModifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "some", "several", "many", "various", "unnamed", "unidentified", "anonymous", "informed", "local",
        "state", "state-run", "state-owned", "official", "government", "pro-government", "opposition", "foreign",
        "western", "regional", "international", "independent", "news", "social", "military", "security",
        "diplomatic", "political", "senior", "knowledgeable", "well-informed", "other", "two", "three",
    };

    // Arabic heads come first ("وسائل إعلام إيرانية": media, Iranian).
    private static readonly string[] ArabicHeads =
    [
        "وسائل إعلام", "وسائل الإعلام", "الإعلام", "إعلام", "مصادر", "المصادر", "مراقبون", "مراقبين", "المراقبون",
        "وكالات أنباء", "وكالات الأنباء", "تقارير", "التقارير", "مسؤولون", "مسؤولين", "صحف", "الصحف", "ناشطون", "ناشطين",
        "محللون", "خبراء", "أوساط", "دوائر",
    ];

    // "including", "such as", "among them" (and Arabic منها / بينها / مثل / ومنها): the description names its members.
    [GeneratedRegex(@"\b(including|such as|among them|notably|namely)\b|منها|بينها|مثل|ومنها|بما في ذلك", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamesMembers();

    public static bool IsCollective(string name)
    {
        var text = name.Trim().TrimEnd('.', ',', ';', ':');
        if (text.Length == 0 || NamesMembers().IsMatch(text))
        {
            return false;
        }
        if (ArabicHeads.Any(head => text.StartsWith(head, StringComparison.Ordinal)
            && (text.Length == head.Length || text[head.Length] == ' ')))
        {
            return true;
        }
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return EnglishHeads.Contains(words[^1])
            && words[..^1].All(w => EnglishModifiers.Contains(w) || IsNationality(w));
    }

    // "Iranian", "Azerbaijani", "Turkish", "Chinese", "Israeli": adjectives of place, which name no one.
    private static bool IsNationality(string word) =>
        word.Length > 3 && (word.EndsWith("ian", StringComparison.OrdinalIgnoreCase) || word.EndsWith("ani", StringComparison.OrdinalIgnoreCase)
            || word.EndsWith("ish", StringComparison.OrdinalIgnoreCase) || word.EndsWith("ese", StringComparison.OrdinalIgnoreCase)
            || word.EndsWith("eli", StringComparison.OrdinalIgnoreCase) || word.EndsWith("an", StringComparison.OrdinalIgnoreCase)
            || word.EndsWith("i", StringComparison.OrdinalIgnoreCase));
}
