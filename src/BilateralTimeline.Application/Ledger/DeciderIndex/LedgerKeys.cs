using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Application.Ledger.DeciderIndex;

/// <summary>
/// The decider's state cut into independent keys: a source, a claim (with everything the ledger says
/// about it), an occurrence, a relation between two claims, the actor registry. Every event of <see cref="LedgerState.Evolve"/>
/// assigns the entries of one key, whatever they were before; so a key's entries are the last
/// assignment to it, and a partial state holding the right keys decides exactly as the whole one.
/// </summary>
public static class LedgerKeys
{
    public static string Source(string id) => "s:" + id;

    public static string Claim(string id) => "c:" + id;

    public static string Occurrence(string id) => "o:" + id;

    /// <summary>
    /// The whole actor registry is one key: it is small, and an alias must be checked against every
    /// entity's names, which no per-actor key could answer without reading them all.
    /// </summary>
    public const string Actors = "a:registry";

    public static string Relation(string relation, string a, string b, string field) => "r:" + LedgerState.RelationKey(relation, a, b, field);

    /// <summary>The key an event assigns; null for events that leave the decider's state alone.</summary>
    public static string? Of(ILedgerEvent e) => e switch
    {
        SourceRegistered x => Source(x.SourceId),
        ClaimRecorded x => Claim(x.ClaimId),
        OccurrenceIdentified x => Occurrence(x.OccurrenceId),
        ClaimLinked x => Claim(x.ClaimId),
        ClaimRetracted x => Claim(x.ClaimId),
        ConfidenceRevised x => Claim(x.ClaimId),
        ClaimsCorroborated x => Relation("corroborates", x.ClaimId, x.OtherClaimId, ""),
        ClaimsContradicted x => Relation("contradicts", x.ClaimId, x.OtherClaimId, x.Field),
        ContradictionResolved x => Relation("contradicts", x.ClaimId, x.OtherClaimId, x.Field),
        ClaimSuperseded x => Claim(x.ClaimId),
        ClaimRedated x => Claim(x.ClaimId),
        ClaimUnlinked x => Claim(x.ClaimId),
        ActorIdentified or ActorAliasAdded or ActorsMerged or ActorsUnmerged => Actors,
        _ => null,
    };

    /// <summary>
    /// The keys <see cref="LedgerDecider"/> reads to decide a command, except the supersede chain beyond
    /// the replacement (see <see cref="ChainNeeds"/>). Events decided earlier in a batch assign only keys
    /// of their own commands, so the union over a batch covers it.
    /// </summary>
    public static IEnumerable<string> Read(LedgerCommand command) => command switch
    {
        RegisterSourceCommand c => [Source(c.SourceId)],
        IdentifyOccurrenceCommand c => [Occurrence(c.OccurrenceId)],
        RecordClaimCommand c => [Claim(c.ClaimId), Source(c.SourceId)],
        LinkClaimCommand c => [Claim(c.ClaimId), Occurrence(c.OccurrenceId)],
        RetractClaimCommand c => [Claim(c.ClaimId)],
        ReviseConfidenceCommand c => [Claim(c.ClaimId)],
        MarkCorroborationCommand c => [Claim(c.ClaimId), Claim(c.OtherClaimId), Relation("corroborates", c.ClaimId, c.OtherClaimId, "")],
        MarkContradictionCommand c => [Claim(c.ClaimId), Claim(c.OtherClaimId), Relation("contradicts", c.ClaimId, c.OtherClaimId, c.Field)],
        ResolveContradictionCommand c => [Claim(c.ClaimId), Claim(c.OtherClaimId), Relation("contradicts", c.ClaimId, c.OtherClaimId, c.Field)],
        SupersedeClaimCommand c => [Claim(c.ClaimId), Claim(c.SupersededBy)],
        RedateClaimCommand c => [Claim(c.ClaimId)],
        UnlinkClaimCommand c => [Claim(c.ClaimId)],
        IdentifyActorCommand or AddActorAliasCommand or MergeActorsCommand or UnmergeActorsCommand => [Actors],
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown command"),
    };

    /// <summary>
    /// Claim keys the supersede cycle check would walk through that <paramref name="loaded"/> lacks: the
    /// chain from each replacement, along the state's links and the links the batch itself adds. Empty
    /// when the partial state already holds every link the decider will follow.
    /// </summary>
    public static IReadOnlyCollection<string> ChainNeeds(LedgerState state, IReadOnlyList<LedgerCommand> commands, IReadOnlySet<string> loaded)
    {
        var batchLinks = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            if (command is not SupersedeClaimCommand c)
            {
                continue;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var next = c.SupersededBy; next is not null && seen.Add(next);)
            {
                var key = Claim(next);
                if (!loaded.Contains(key))
                {
                    missing.Add(key);
                    break;
                }
                next = state.SupersededBy.TryGetValue(next, out var after) ? after : batchLinks.GetValueOrDefault(next);
            }
            if (c.ClaimId is not null && c.SupersededBy is not null)
            {
                batchLinks.TryAdd(c.ClaimId, c.SupersededBy);
            }
        }
        return missing;
    }
}
