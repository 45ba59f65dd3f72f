using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Scoring;

namespace BilateralTimeline.Application.Projections;

/// <summary>One occurrence's pull on the score, and the claims behind it.</summary>
public sealed record ScoreContribution(string EntryId, string Title, string Kind, string Cameo, double Goldstein, double Weight, double Share, string Standing, IReadOnlyList<string> ClaimIds);

/// <summary>The latest status of something that is in force or open (an embassy, an agreement, an office).</summary>
public sealed record StatusLine(string Subject, string Status, bool Crisis, string Since, bool Possibly, IReadOnlyList<string> ClaimIds);

public sealed record ContactLine(string EntryId, string Title, string When, bool Possibly, IReadOnlyList<string> Actors, IReadOnlyList<string> ClaimIds);

/// <summary>
/// The relationship at a valid-time date. <see cref="Score"/> is on the Goldstein scale (−10 most
/// conflictual … +10 most cooperative); every figure lists the claim ids that moved it.
/// <see cref="MovedBy"/> may be one page of the contributions, largest absolute share first:
/// <see cref="MovedByCount"/> counts them all (the score is always over all of them) and
/// <see cref="Next"/> is the cursor of the following page, null on the last.
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
    int ClaimsRetracted,
    int MovedByCount = 0,
    string? Next = null);

/// <summary>
/// Scores the relationship as a recency- and confidence-weighted mean of the Goldstein weights of the
/// occurrences that had happened by the date. Each occurrence counts once however many claims describe
/// it; an occurrence that only possibly happened by then counts the share of its time that lies on or
/// before the date (<see cref="ScoreCurve"/>); claim weights, age and bands follow <see cref="RelationshipScore"/>;
/// opinions, denials, retracted claims and context kinds never count.
/// </summary>
public static class RelationshipStateProjection
{
    public const double HalfLifeDays = RelationshipScore.HalfLifeDays;

    /// <summary>Movers a reader who names no number is shown, in every place that lists them: the few that matter, not one per occurrence of a large dyad.</summary>
    public const int DefaultMovers = 20;

    public static RelationshipStateView Build(string dyad, LedgerView view, DateOnly asOf, DateTimeOffset? knownAt) =>
        ViewMemo.Of(view).Parts(dyad, view).At(asOf, knownAt);

    /// <summary>
    /// <see cref="Build(string, LedgerView, DateOnly, DateTimeOffset?)"/> with only the movers from
    /// <paramref name="skip"/> on, at most <paramref name="limit"/> (null: all): exactly that slice of the whole answer.
    /// </summary>
    public static RelationshipStateView Build(string dyad, LedgerView view, DateOnly asOf, DateTimeOffset? knownAt, int skip, int? limit) =>
        ViewMemo.Of(view).Parts(dyad, view).At(asOf, knownAt, skip, limit);

    public static string Band(double? score) => RelationshipScore.Band(score);

    internal static double ClaimWeight(ClaimView claim) => RelationshipScore.ClaimWeight(claim.Confidence, claim.Claim.Modality);

    internal static bool IsHighLevel(Actor actor) => RelationshipScore.IsHighLevel(actor.Level);
}
