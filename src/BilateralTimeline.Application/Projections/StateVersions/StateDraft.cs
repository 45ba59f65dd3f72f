using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections.StateVersions;

/// <summary>
/// A relationship state summed from <see cref="StateTerms"/>, before the few records it prints are read:
/// the page's movers and the last contact name versions whose score and contact records
/// <see cref="Finish"/> takes.
/// </summary>
internal sealed record StateDraft(
    long LastPosition,
    int ClaimsConsidered,
    int ClaimsRetracted,
    double? Score,
    IReadOnlyList<StateDraft.Mover> Page,
    int MovedByCount,
    string? Next,
    IReadOnlyList<StatusChange> Changes,
    int ContactVersion,
    bool ContactPossibly)
{
    /// <summary>One mover of the page: its version, its weight (rounded as printed), share and standing.</summary>
    public sealed record Mover(int Version, double Weight, double Share, TimeStanding Standing);

    /// <summary>The versions whose records the answer prints.</summary>
    public IEnumerable<int> Needed => Page.Select(m => m.Version).Concat(ContactVersion >= 0 ? [ContactVersion] : []);

    public RelationshipStateView Finish(string dyad, DateOnly asOf, DateTimeOffset? knownAt, IReadOnlyDictionary<int, EntryStateParts> records)
    {
        var movedBy = Page.Select(m =>
        {
            var entry = records[m.Version].Scored ?? throw new InvalidDataException("a scored version without its score record");
            return new ScoreContribution(entry.EntryId, entry.Title, entry.Kind, entry.Cameo, entry.Goldstein, m.Weight, m.Share, TimelineProjection.Format(m.Standing), entry.ClaimIds);
        }).ToList();
        var statuses = RelationshipStateParts.StatusesAt(Changes, asOf);
        ContactLine? contact = null;
        if (ContactVersion >= 0)
        {
            var c = records[ContactVersion].Contact ?? throw new InvalidDataException("a contact version without its contact record");
            contact = new ContactLine(c.EntryId, c.Title, c.Time.ToString(), ContactPossibly, c.Actors, c.ClaimIds);
        }
        return new RelationshipStateView(
            dyad, asOf, knownAt, LastPosition, Score, RelationshipStateProjection.Band(Score), movedBy,
            statuses, statuses.Where(s => s.Crisis).ToList(), contact,
            ClaimsConsidered, ClaimsRetracted, MovedByCount, Next);
    }
}
