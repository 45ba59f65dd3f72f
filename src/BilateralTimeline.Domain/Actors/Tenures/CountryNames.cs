using BilateralTimeline.Domain.Claims;

namespace BilateralTimeline.Domain.Actors.Tenures;

/// <summary>
/// The names of countries as the claims themselves write them: the words after a known office's " of " for the
/// same country code ("President of Iran" teaches IRN = "iran"), so that "Minister of Agriculture of Iran" and
/// "Minister of Agriculture" are one office without a gazetteer.
/// </summary>
public static class CountryNames
{
    /// <summary>Country code (upper case) → the names learned for it.</summary>
    public static Dictionary<string, HashSet<string>> Learn(IEnumerable<Actor> actors)
    {
        var names = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var actor in actors)
        {
            if (actor.Country is not { } country || actor.Title is not { } raw)
            {
                continue;
            }
            var title = Offices.NormaliseTitle(raw);
            foreach (var alias in Offices.Known.SelectMany(o => o.Aliases))
            {
                var prefix = alias + " of ";
                if (title.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var name = title[prefix.Length..];
                    if (!name.Contains(" of ", StringComparison.Ordinal) && !name.StartsWith("the ", StringComparison.Ordinal))
                    {
                        if (!names.TryGetValue(country.ToUpperInvariant(), out var set))
                        {
                            names[country.ToUpperInvariant()] = set = [];
                        }
                        set.Add(name);
                    }
                }
            }
        }
        return names;
    }
}
