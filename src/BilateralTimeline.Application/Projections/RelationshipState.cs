using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Scoring;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

/// <summary>One occurrence's pull on the score, and the claims behind it.</summary>
public sealed record ScoreContribution(string EntryId, string Title, string Kind, string Cameo, double Goldstein, double Weight, double Share, string Standing, IReadOnlyList<string> ClaimIds);

/// <summary>The latest status of something that is in force or open (an embassy, an agreement, an office).</summary>
public sealed record StatusLine(string Subject, string Status, bool Crisis, string Since, bool Possibly, IReadOnlyList<string> ClaimIds);

public sealed record ContactLine(string EntryId, string Title, string When, bool Possibly, IReadOnlyList<string> Actors, IReadOnlyList<string> ClaimIds);

/// <summary>
/// The relationship at a valid-time date. <see cref="Score"/> is on the Goldstein scale (−10 most
/// conflictual … +10 most cooperative); every figure lists the claim ids that moved it.
/// </summary>
public sealed record RelationshipStateView(
    string Dyad,
    DateOnly AsOf,
    DateTimeOffset? KnownAt,
    long LastPosition,
    double? Score,
    string Band,
    IReadOnlyList<ScoreContribution> MovedBy,
    IReadOnlyList<StatusLine> InForce,
    IReadOnlyList<StatusLine> OpenCrises,
    ContactLine? LastHighLevelContact,
    int ClaimsConsidered,
    int ClaimsRetracted);

/// <summary>
/// Scores the relationship as a recency- and confidence-weighted mean of the Goldstein weights of the
/// occurrences that had happened by the date. Each occurrence counts once however many claims describe
/// it; an occurrence that only possibly happened by then counts half; an unconfirmed report counts half;
/// weights halve for every year of age; opinions, denials, retracted claims and context kinds never count.
/// </summary>
public static class RelationshipStateProjection
{
    public const double HalfLifeDays = 365;

    public static RelationshipStateView Build(string dyad, LedgerView view, DateOnly asOf, DateTimeOffset? knownAt)
    {
        var entries = Entries.Build(view);
        var contributions = new List<ScoreContribution>();
        double weighted = 0, total = 0;
        foreach (var entry in entries)
        {
            var standing = entry.Time.StandingAt(asOf);
            if (standing is not (TimeStanding.Occurred or TimeStanding.Possibly))
            {
                continue;
            }
            var scored = entry.Live.Where(c => Entries.IsEventLike(c) && ClaimKinds.Get(c.Claim.Kind).Cameo != "context").ToList();
            if (scored.Count == 0)
            {
                continue;
            }
            var strongest = scored.MaxBy(c => ClaimWeight(c))!;
            var kind = ClaimKinds.Get(strongest.Claim.Kind);
            var age = asOf.DayNumber - Math.Min(asOf.DayNumber, entry.Time.Latest!.Value.DayNumber);
            var weight = ClaimWeight(strongest) * (standing == TimeStanding.Possibly ? 0.5 : 1.0) * Math.Pow(0.5, age / HalfLifeDays);
            weighted += weight * kind.Goldstein;
            total += weight;
            contributions.Add(new ScoreContribution(entry.Id, entry.Title, kind.Kind, kind.Cameo, kind.Goldstein, weight, 0, TimelineProjection.Format(standing), scored.Select(c => c.Claim.ClaimId).ToList()));
        }
        double? score = total > 0 ? Math.Round(weighted / total, 2) : null;
        var movedBy = contributions
            .Select(c => c with { Weight = Math.Round(c.Weight, 3), Share = total > 0 ? Math.Round(c.Weight * c.Goldstein / total, 2) : 0 })
            .OrderByDescending(c => Math.Abs(c.Share))
            .ToList();

        var statuses = Statuses(entries, asOf);
        return new RelationshipStateView(
            dyad, asOf, knownAt, view.LastPosition, score, Band(score), movedBy,
            statuses, statuses.Where(s => s.Crisis).ToList(), LastContact(entries, asOf),
            view.Claims.Count, view.Claims.Values.Count(c => c.Retracted));
    }

    public static string Band(double? score) => score switch
    {
        null => "unknown (no scored claims yet)",
        >= 5 => "cooperative",
        >= 2 => "cordial",
        > -2 => "mixed",
        > -6 => "tense",
        _ => "hostile",
    };

    private static double ClaimWeight(ClaimView claim) =>
        ConfidenceScale.Score(claim.Confidence) / 100.0 * (claim.Claim.Modality == Modality.Unconfirmed ? 0.5 : 1.0);

    private static List<StatusLine> Statuses(IReadOnlyList<Entry> entries, DateOnly asOf)
    {
        var changes = entries
            .SelectMany(e => e.Live.Where(Entries.IsEventLike).SelectMany(c => c.Claim.Effects.Select(effect => (Entry: e, Claim: c, Effect: effect))))
            .Select(x => (x.Entry, x.Claim, x.Effect, Standing: x.Claim.Occurred.IsUnknown ? x.Entry.Time.StandingAt(asOf) : x.Claim.Occurred.StandingAt(asOf), Time: x.Claim.Occurred.IsUnknown ? x.Entry.Time : x.Claim.Occurred))
            .Where(x => x.Standing is TimeStanding.Occurred or TimeStanding.Possibly)
            .ToList();
        return changes
            .GroupBy(x => x.Effect.Subject, StringComparer.Ordinal)
            .Select(g =>
            {
                var latest = g.OrderBy(x => x.Time.Latest).ThenBy(x => x.Claim.Position).Last();
                var sameStatus = g.Where(x => x.Effect.Status == latest.Effect.Status).Select(x => x.Claim.Claim.ClaimId).Distinct().ToList();
                return new StatusLine(g.Key, latest.Effect.Status, latest.Effect.Crisis, latest.Time.ToString(), latest.Standing == TimeStanding.Possibly, sameStatus);
            })
            .OrderBy(s => s.Subject, StringComparer.Ordinal)
            .ToList();
    }

    private static ContactLine? LastContact(IReadOnlyList<Entry> entries, DateOnly asOf)
    {
        var contacts = entries
            .Select(e => (Entry: e, Standing: e.Time.StandingAt(asOf), Claims: e.Live.Where(c => Entries.IsEventLike(c) && ClaimKinds.Get(c.Claim.Kind).Contact && c.Claim.Actors.Any(IsHighLevel)).ToList()))
            .Where(x => x.Claims.Count > 0 && x.Standing is TimeStanding.Occurred or TimeStanding.Possibly)
            .OrderBy(x => x.Entry.Time.Latest)
            .LastOrDefault();
        if (contacts.Entry is null)
        {
            return null;
        }
        var actors = contacts.Claims.SelectMany(c => c.Claim.Actors.Where(IsHighLevel)).Select(a => a.Title is null ? a.Name : $"{a.Name} ({a.Title})").Distinct().ToList();
        return new ContactLine(contacts.Entry.Id, contacts.Entry.Title, contacts.Entry.Time.ToString(), contacts.Standing == TimeStanding.Possibly, actors, contacts.Claims.Select(c => c.Claim.ClaimId).ToList());
    }

    private static bool IsHighLevel(Actor actor) => actor.Level is ActorLevel.HeadOfState or ActorLevel.HeadOfGovernment or ActorLevel.Minister;
}
