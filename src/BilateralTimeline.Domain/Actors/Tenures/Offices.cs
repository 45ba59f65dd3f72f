using System.Text.RegularExpressions;
using BilateralTimeline.Domain.Claims;

namespace BilateralTimeline.Domain.Actors.Tenures;

/// <summary>
/// Which office a claim's actor is seen in, and which effect vacates one. The rules, kept simple on purpose:
/// <list type="bullet">
/// <item>An actor is an office holder when it has a country, a title and a level from head of state down to official.
/// Titles starting "former", "late", "the late" or "ex-" describe someone out of office and are skipped.</item>
/// <item>A title is normalised by lower-casing, dropping parenthesised parts ("(Major General)", "(then)") and
/// collapsing whitespace. If it is one of the offices in <see cref="Known"/> (the title itself, or the title
/// followed by " of …", e.g. "minister of defence of azerbaijan") the office's canonical title is used. Otherwise a
/// trailing " of &lt;name&gt;" is dropped only when &lt;name&gt; is a country name learned from the claims themselves
/// (<see cref="CountryNames"/>).</item>
/// <item>An effect whose subject is "office:&lt;COUNTRY&gt;-&lt;slug&gt;" with status "vacated" ends a tenure.</item>
/// </list>
/// </summary>
public static partial class Offices
{
    /// <summary>Effect subject slug → canonical office title and the normalised titles that name it.</summary>
    public static readonly IReadOnlyList<(string Slug, string Title, string[] Aliases)> Known =
    [
        ("president", "president", ["president"]),
        ("foreign-minister", "minister of foreign affairs", ["minister of foreign affairs", "minister for foreign affairs", "foreign minister"]),
        ("defence-minister", "minister of defence", ["minister of defence", "minister of defense", "defence minister", "defense minister"]),
        ("chief-of-general-staff", "chief of the general staff", ["chief of the general staff", "chief of general staff"]),
    ];

    private static readonly string[] OutOfOffice = ["former ", "late ", "the late ", "ex-", "ex "];

    private static readonly ActorLevel[] OfficeLevels = [ActorLevel.HeadOfState, ActorLevel.HeadOfGovernment, ActorLevel.Minister, ActorLevel.SeniorOfficial, ActorLevel.Official];

    /// <summary>An effect that vacates an office: the only source of tenure ends, and so of tenure findings.</summary>
    public static bool EndsTenure(StatusEffect effect) =>
        string.Equals(effect.Status, "vacated", StringComparison.OrdinalIgnoreCase) && ParseSubject(effect.Subject) is not null;

    /// <summary>"office:IRN-president" → ("IRN president", "IRN", "president"); an unknown slug is its words ("office:X-chief-justice" → "X chief justice").</summary>
    public static (string Key, string Country, string Slug)? ParseSubject(string subject)
    {
        const string prefix = "office:";
        if (!subject.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var rest = subject[prefix.Length..];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == rest.Length - 1)
        {
            return null;
        }
        var country = rest[..dash].ToUpperInvariant();
        var slug = rest[(dash + 1)..].ToLowerInvariant();
        var title = Known.FirstOrDefault(o => o.Slug == slug).Title ?? slug.Replace('-', ' ');
        return ($"{country} {title}", country, slug);
    }

    /// <summary>Lower case, no parenthesised parts, single spaces: "Minister of Defence of Iran (then)" → "minister of defence of iran".</summary>
    public static string NormaliseTitle(string title) =>
        Spaces().Replace(Parenthesised().Replace(title, " "), " ").Trim().ToLowerInvariant();

    /// <summary>The office a normalised title names, for an actor of <paramref name="country"/>.</summary>
    public static (string Title, string? Slug) OfficeOf(string normalisedTitle, string country, IReadOnlyDictionary<string, HashSet<string>> countryNames)
    {
        foreach (var (slug, title, aliases) in Known)
        {
            if (aliases.Any(a => normalisedTitle == a || normalisedTitle.StartsWith(a + " of ", StringComparison.Ordinal)))
            {
                return (title, slug);
            }
        }
        if (countryNames.TryGetValue(country, out var names))
        {
            foreach (var name in names)
            {
                if (normalisedTitle.EndsWith(" of " + name, StringComparison.Ordinal))
                {
                    return (normalisedTitle[..^(" of ".Length + name.Length)], null);
                }
            }
        }
        return (normalisedTitle, null);
    }

    /// <summary>
    /// The office <paramref name="actor"/> is seen in, as (office key "IRN president", country, title, slug); null
    /// when the actor is no office holder (no country, no title, a level below official, or a title out of office).
    /// </summary>
    public static (string Key, string Country, string Title, string? Slug)? Held(Actor actor, IReadOnlyDictionary<string, HashSet<string>> countryNames)
    {
        if (actor.Country is not { } country || string.IsNullOrWhiteSpace(actor.Title) || !OfficeLevels.Contains(actor.Level))
        {
            return null;
        }
        var normalised = NormaliseTitle(actor.Title);
        if (normalised.Length == 0 || OutOfOffice.Any(p => normalised.StartsWith(p, StringComparison.Ordinal)))
        {
            return null;
        }
        var code = country.ToUpperInvariant();
        var (title, slug) = OfficeOf(normalised, code, countryNames);
        return ($"{code} {title}", code, title, slug);
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
