namespace BilateralTimeline.Domain;

/// <summary>
/// What the user can do about a refusal, named in the domain's words (list the claims, merge two actors),
/// with the ids it concerns. The message says it in prose; each transport turns it into its own hint (the
/// CLI names its command), so the core never names a command line or a flag.
/// </summary>
public sealed record Remedy(string Action, IReadOnlyList<string> Ids)
{
    public static readonly Remedy ListClaims = new("list-claims", []);

    public static readonly Remedy ListOccurrences = new("list-occurrences", []);

    public static readonly Remedy ListActors = new("list-actors", []);

    public static readonly Remedy IdentifyActor = new("identify-actor", []);

    public static Remedy AddAlias(string actorId, string alias) => new("add-alias", [actorId, alias]);

    public static Remedy MergeActors(params string[] actorIds) => new("merge-actors", actorIds);

    public static Remedy UnmergeActor(string actorId) => new("unmerge-actor", [actorId]);

    // Two remedies are the same fix when they name the same action on the same ids, whatever list holds them.
    public bool Equals(Remedy? other) => other is not null && Action == other.Action && Ids.SequenceEqual(other.Ids);

    public override int GetHashCode() => HashCode.Combine(Action, Ids.Count);

    public override string ToString() => Ids.Count == 0 ? Action : $"{Action} {string.Join(' ', Ids)}";
}
