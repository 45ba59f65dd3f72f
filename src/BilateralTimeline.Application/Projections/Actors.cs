using BilateralTimeline.Domain.Actors.Tenures;
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
/// <item>Which office an actor is seen in, and which effect vacates one: <see cref="Offices"/>.</item>
/// <item>A vacating effect ends, at that claim's time,
/// the tenure of the person the same claim names in that office. If the claim names nobody there, that is a finding.</item>
/// <item>A holder is an entity, not a spelling (<see cref="ActorNames"/>: the actor events first, then normalisation).</item>
/// <item>Of several claims ending one tenure the sharpest end is kept, the first recorded among equals; an end that
/// does not agree with it is a finding (<see cref="TenureEnds"/>).</item>
/// <item>A claim naming a person in an office whose tenure ended is a finding, never a fix ("after" or "possibly
/// after", <see cref="TenureEnds.Sighting"/>). Claims
/// that end the tenure, claims corroborating one that does and claims linked to its occurrence are about the ending event: never after it.</item>
/// </list>
/// </summary>
public static class ActorsProjection
{
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
        var countryNames = CountryNames.Learn(claims.SelectMany(c => c.Claim.Actors));
        var names = ViewMemo.Of(view).Names;
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
                if (!Offices.EndsTenure(effect) || Offices.ParseSubject(effect.Subject) is not { } office)
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
            var kept = list.OrderBy(c => TenureEnds.Width(c.End.Earliest, c.End.Latest)).First();
            ends[key] = kept.End;
            aboutTheEnd[key] = list.Select(c => c.Claim.Claim.ClaimId)
                .Concat(list.SelectMany(c => c.Claim.CorroboratedBy))
                .Concat(list.Select(c => c.Claim.OccurrenceId).OfType<string>().SelectMany(o => byOccurrence[o]))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var other in list.Where(c => c != kept))
            {
                // Another end that agrees with the kept one (their intervals meet) corroborates it; one that does not is a disagreement to show.
                if (!TenureEnds.Agree((other.End.Earliest, other.End.Latest), (kept.End.Earliest, kept.End.Latest)))
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
            if (TenureEnds.Sighting(seen, end.Earliest, end.Latest) is { } after)
            {
                var how = after == SeenAfterEnd.After ? "after" : "possibly after";
                findings.Add((s.Claim.Claim.ClaimId, $"{s.Claim.Claim.ClaimId} names {s.Holder} as {s.Office} on {s.Claim.Occurred}, {how} the tenure ended by {end.ClaimId} ({end.When})."));
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

    /// <summary>An effect that vacates an office (<see cref="Offices.EndsTenure"/>).</summary>
    internal static bool EndsTenure(StatusEffect effect) => Offices.EndsTenure(effect);

    private static Sighting? See(Actor actor, ClaimView claim, IReadOnlyDictionary<string, HashSet<string>> countryNames, ActorNames names)
    {
        if (Offices.Held(actor, countryNames) is not { } office)
        {
            return null;
        }
        var holder = actor.Name.Trim();
        return new Sighting(office.Key, office.Country, office.Title, office.Slug, holder, names.Resolve(holder), actor.Title!, claim);
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
}
