using System.Text.RegularExpressions;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

/// <summary>A claim that ended a tenure (an effect "office:CC-slug" → "vacated"), with its time as the claim gives it.</summary>
public sealed record TenureEnd(string ClaimId, string When, DateOnly? Earliest, DateOnly? Latest, string Standing);

/// <summary>
/// One person seen in one office: the claims naming them there, the first and last of them (From and To are the
/// earliest and latest days those claims allow), and the end if a claim gave one.
/// </summary>
public sealed record Tenure(
    string Holder,
    IReadOnlyList<string> TitlesSeen,
    DateOnly? From,
    DateOnly? To,
    string? FirstSeen,
    string? FirstSeenClaim,
    string? LastSeen,
    string? LastSeenClaim,
    TenureEnd? Ended,
    IReadOnlyList<string> ClaimIds)
{
    /// <summary>The entity the holder is ("actor:ID" or "name:NORMAL", see <see cref="ActorNames"/>): what the tenure is keyed on.</summary>
    public string Entity { get; init; } = "";

    /// <summary>The identified actor, when an actor event speaks of this person; null otherwise.</summary>
    public string? ActorId { get; init; }

    /// <summary>Every spelling the claims used for this holder in this office, in order of first appearance.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];
}

/// <summary>An office ("IRN president") and the people seen holding it, earliest first.</summary>
public sealed record Office(string Key, string Country, string Title, string? Slug, IReadOnlyList<Tenure> Holders);

/// <summary>People and offices at a valid-time date, as known at a recording time, with the tenure findings.</summary>
public sealed record ActorsView(string Dyad, DateOnly AsOf, DateTimeOffset? KnownAt, long LastPosition, IReadOnlyList<Office> Offices, IReadOnlyList<string> Findings)
{
    /// <summary>The entities with more than one name: identified actors and the spellings normalisation joined.</summary>
    public IReadOnlyList<ActorEntityView> Entities { get; init; } = [];
}

/// <summary>
/// Offices and tenures derived from the live claims. The rules, kept simple on purpose:
/// <list type="bullet">
/// <item>An actor is an office holder when it has a country, a title and a level from head of state down to official.
/// Titles starting "former", "late", "the late" or "ex-" describe someone out of office and are skipped.</item>
/// <item>A title is normalised by lower-casing, dropping parenthesised parts ("(Major General)", "(then)") and
/// collapsing whitespace. If it is one of the offices in <see cref="KnownOffices"/> (the title itself, or the title
/// followed by " of …", e.g. "minister of defence of azerbaijan") the office's canonical title is used. Otherwise a
/// trailing " of &lt;name&gt;" is dropped only when &lt;name&gt; is a country name learned from the ledger itself: the
/// words after a known office's " of " for the same country code ("President of Iran" teaches IRN = "iran").</item>
/// <item>An effect whose subject is "office:&lt;COUNTRY&gt;-&lt;slug&gt;" with status "vacated" ends, at that claim's time,
/// the tenure of the person the same claim names in that office. If the claim names nobody there, that is a finding.</item>
/// <item>A holder is an entity, not a spelling (<see cref="ActorNames"/>: the actor events first, then normalisation).</item>
/// <item>Of several claims ending one tenure the sharpest end is kept (fewest days from earliest to latest, the first
/// recorded among equals); an end whose interval does not meet it is a finding.</item>
/// <item>A claim naming a person in an office whose tenure ended is a finding, never a fix: "after" when the claim's
/// earliest day is after the end's latest day, "possibly after" when it is only after the end's earliest day. Claims
/// that end the tenure, claims corroborating one that does and claims linked to its occurrence are about the ending event: never after it.</item>
/// </list>
/// </summary>
public static partial class ActorsProjection
{
    /// <summary>Effect subject slug → canonical office title and the normalised titles that name it.</summary>
    public static readonly IReadOnlyList<(string Slug, string Title, string[] Aliases)> KnownOffices =
    [
        ("president", "president", ["president"]),
        ("foreign-minister", "minister of foreign affairs", ["minister of foreign affairs", "minister for foreign affairs", "foreign minister"]),
        ("defence-minister", "minister of defence", ["minister of defence", "minister of defense", "defence minister", "defense minister"]),
        ("chief-of-general-staff", "chief of the general staff", ["chief of the general staff", "chief of general staff"]),
    ];

    private static readonly string[] OutOfOffice = ["former ", "late ", "the late ", "ex-", "ex "];

    private static readonly ActorLevel[] OfficeLevels = [ActorLevel.HeadOfState, ActorLevel.HeadOfGovernment, ActorLevel.Minister, ActorLevel.SeniorOfficial, ActorLevel.Official];

    private sealed record Sighting(string Office, string Country, string Title, string? Slug, string Holder, ActorRef Entity, string RawTitle, ClaimView Claim);

    public static ActorsView Build(string dyad, LedgerView view, DateOnly asOf, DateTimeOffset? knownAt)
    {
        var (offices, findings) = Derive(view, asOf);
        return new ActorsView(dyad, asOf, knownAt, view.LastPosition, offices, findings.Select(f => f.Text).Distinct().ToList())
        {
            Entities = ActorEntities.Of(view, asOf),
        };
    }

    /// <summary>The tenure findings at <paramref name="asOf"/>, keyed by the claim each is about, for other projections to show next to that claim.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FindingsByClaim(LedgerView view, DateOnly asOf) =>
        Derive(view, asOf).Findings
            .GroupBy(f => f.ClaimId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(f => f.Text).Distinct().ToList(), StringComparer.Ordinal);

    private static (List<Office> Offices, List<(string ClaimId, string Text)> Findings) Derive(LedgerView view, DateOnly asOf)
    {
        var claims = view.Claims.Values
            .Where(c => c.IsLive && c.Occurred.StandingAt(asOf) != TimeStanding.NotYet)
            .OrderBy(c => c.Position)
            .ToList();
        var countryNames = LearnCountryNames(claims);
        var names = new ActorNames(view.Actors);
        var sightings = claims
            .SelectMany(c => c.Claim.Actors.Select(a => See(a, c, countryNames, names)))
            .OfType<Sighting>()
            .ToList();

        var findings = new List<(string ClaimId, string Text)>();
        var candidates = new Dictionary<(string Office, string Entity), List<(TenureEnd End, string Holder, ClaimView Claim)>>();
        foreach (var claim in claims)
        {
            foreach (var effect in claim.Claim.Effects)
            {
                if (!EndsTenure(effect) || ParseOfficeSubject(effect.Subject) is not { } office)
                {
                    continue;
                }
                var holders = sightings.Where(s => s.Claim == claim && s.Office == office.Key).GroupBy(s => s.Entity.Key).Select(g => g.First()).ToList();
                if (holders.Count == 0)
                {
                    findings.Add((claim.Claim.ClaimId, $"{claim.Claim.ClaimId} vacates {office.Key} but names nobody in that office; no tenure was ended."));
                    continue;
                }
                var end = new TenureEnd(claim.Claim.ClaimId, claim.Occurred.ToString(), claim.Occurred.Earliest, claim.Occurred.Latest, Format(claim.Occurred.StandingAt(asOf)));
                foreach (var holder in holders)
                {
                    var key = (office.Key, holder.Entity.Key);
                    if (!candidates.TryGetValue(key, out var list))
                    {
                        candidates[key] = list = [];
                    }
                    if (list.All(c => c.Claim != claim))
                    {
                        list.Add((end, holder.Holder, claim));
                    }
                }
            }
        }

        var ends = new Dictionary<(string Office, string Entity), TenureEnd>();
        var byOccurrence = claims.Where(c => c.OccurrenceId is not null).ToLookup(c => c.OccurrenceId!, c => c.Claim.ClaimId, StringComparer.Ordinal);
        // Claims that end a tenure, claims corroborating them and claims about their occurrence speak of the event that ended it: never "after" it.
        var aboutTheEnd = new Dictionary<(string Office, string Entity), HashSet<string>>();
        foreach (var (key, list) in candidates)
        {
            // The sharpest end is kept (fewest days between its earliest and latest), the first recorded among equals:
            // "May 2024" must not outlive "19 May 2024" because it was recorded first.
            var kept = list.OrderBy(c => Width(c.End)).First();
            ends[key] = kept.End;
            aboutTheEnd[key] = list.Select(c => c.Claim.Claim.ClaimId)
                .Concat(list.SelectMany(c => c.Claim.CorroboratedBy))
                .Concat(list.Select(c => c.Claim.OccurrenceId).OfType<string>().SelectMany(o => byOccurrence[o]))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var other in list.Where(c => c != kept))
            {
                // Another end that agrees with the kept one (their intervals meet) corroborates it; one that does not is a disagreement to show.
                if (!Overlaps(other.End, kept.End))
                {
                    findings.Add((other.Claim.Claim.ClaimId, $"{other.End.ClaimId} also ends {other.Holder}'s tenure as {key.Office} ({other.End.When}), which disagrees with the sharper end kept from {kept.End.ClaimId} ({kept.End.When})."));
                }
            }
        }

        foreach (var s in sightings)
        {
            if (!ends.TryGetValue((s.Office, s.Entity.Key), out var end) || aboutTheEnd[(s.Office, s.Entity.Key)].Contains(s.Claim.Claim.ClaimId) || s.Claim.Occurred.Earliest is not { } seen)
            {
                continue;
            }
            if (end.Latest is { } latest && seen > latest)
            {
                findings.Add((s.Claim.Claim.ClaimId, $"{s.Claim.Claim.ClaimId} names {s.Holder} as {s.Office} on {s.Claim.Occurred}, after the tenure ended by {end.ClaimId} ({end.When})."));
            }
            else if (end.Earliest is { } earliest && seen > earliest)
            {
                findings.Add((s.Claim.Claim.ClaimId, $"{s.Claim.Claim.ClaimId} names {s.Holder} as {s.Office} on {s.Claim.Occurred}, possibly after the tenure ended by {end.ClaimId} ({end.When})."));
            }
        }

        var offices = sightings
            .GroupBy(s => s.Office)
            .Select(g => new Office(
                g.Key, g.First().Country, g.First().Title, g.First().Slug,
                g.GroupBy(s => s.Entity.Key)
                    .Select(h => ToTenure(h.ToList(), ends.GetValueOrDefault((g.Key, h.Key))))
                    .OrderBy(t => t.From is null)
                    .ThenBy(t => t.From)
                    .ThenBy(t => t.Holder, StringComparer.Ordinal)
                    .ToList()))
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .ToList();
        return (offices, findings);
    }

    /// <summary>An effect that vacates an office: the only source of tenure ends, and so of tenure findings.</summary>
    internal static bool EndsTenure(StatusEffect effect) =>
        string.Equals(effect.Status, "vacated", StringComparison.OrdinalIgnoreCase) && ParseOfficeSubject(effect.Subject) is not null;

    /// <summary>"office:IRN-president" → ("IRN president", "IRN", "president"); an unknown slug is its words ("office:X-chief-justice" → "X chief justice").</summary>
    public static (string Key, string Country, string Slug)? ParseOfficeSubject(string subject)
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
        var title = KnownOffices.FirstOrDefault(o => o.Slug == slug).Title ?? slug.Replace('-', ' ');
        return ($"{country} {title}", country, slug);
    }

    /// <summary>Lower case, no parenthesised parts, single spaces: "Minister of Defence of Iran (then)" → "minister of defence of iran".</summary>
    public static string NormaliseTitle(string title) =>
        Spaces().Replace(Parenthesised().Replace(title, " "), " ").Trim().ToLowerInvariant();

    /// <summary>The office a normalised title names, for an actor of <paramref name="country"/>.</summary>
    public static (string Title, string? Slug) OfficeOf(string normalisedTitle, string country, IReadOnlyDictionary<string, HashSet<string>> countryNames)
    {
        foreach (var (slug, title, aliases) in KnownOffices)
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

    private static Dictionary<string, HashSet<string>> LearnCountryNames(IEnumerable<ClaimView> claims)
    {
        var names = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var actor in claims.SelectMany(c => c.Claim.Actors))
        {
            if (actor.Country is not { } country || actor.Title is not { } raw)
            {
                continue;
            }
            var title = NormaliseTitle(raw);
            foreach (var alias in KnownOffices.SelectMany(o => o.Aliases))
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

    private static long Width(TenureEnd end) => end is { Earliest: { } from, Latest: { } to } ? to.DayNumber - from.DayNumber : long.MaxValue;

    private static bool Overlaps(TenureEnd a, TenureEnd b) =>
        a.Earliest is not { } aFrom || a.Latest is not { } aTo || b.Earliest is not { } bFrom || b.Latest is not { } bTo || (aFrom <= bTo && bFrom <= aTo);

    private static Sighting? See(Actor actor, ClaimView claim, IReadOnlyDictionary<string, HashSet<string>> countryNames, ActorNames names)
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
        var holder = actor.Name.Trim();
        return new Sighting($"{code} {title}", code, title, slug, holder, names.Resolve(holder), actor.Title, claim);
    }

    private static Tenure ToTenure(List<Sighting> sightings, TenureEnd? end)
    {
        var dated = sightings.Where(s => s.Claim.Occurred.Earliest is not null).ToList();
        var first = dated.OrderBy(s => s.Claim.Occurred.Earliest).ThenBy(s => s.Claim.Position).FirstOrDefault();
        var last = dated.OrderByDescending(s => s.Claim.Occurred.Latest).ThenByDescending(s => s.Claim.Position).FirstOrDefault();
        var entity = sightings[0].Entity;
        return new Tenure(
            entity.Name ?? sightings[0].Holder,
            sightings.Select(s => s.RawTitle).Distinct(StringComparer.Ordinal).ToList(),
            first?.Claim.Occurred.Earliest,
            last?.Claim.Occurred.Latest,
            first?.Claim.Occurred.ToString(),
            first?.Claim.Claim.ClaimId,
            last?.Claim.Occurred.ToString(),
            last?.Claim.Claim.ClaimId,
            end,
            sightings.Select(s => s.Claim.Claim.ClaimId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList())
        {
            Entity = entity.Key,
            ActorId = entity.ActorId,
            Names = sightings.Select(s => s.Holder).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    private static string Format(TimeStanding standing) => standing switch
    {
        TimeStanding.Occurred => "occurred",
        TimeStanding.Possibly => "possibly",
        TimeStanding.NotYet => "not-yet",
        _ => "undated",
    };

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
