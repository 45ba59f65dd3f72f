using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

/// <summary>One entity and its names: those the actor events gave it (its own and its merged actors') and those the claims used.</summary>
/// <param name="Entity">"actor:ID" or "name:NORMAL" (see <see cref="ActorNames"/>).</param>
/// <param name="ActorId">The identified actor; null when only normalisation joined the spellings.</param>
/// <param name="Name">The identified actor's name, else the first spelling a claim used.</param>
/// <param name="Names">The explicit names (the actor's name and aliases, then its merged actors'), in the order given.</param>
/// <param name="SeenAs">The spellings the live claims used for it, in order of first appearance.</param>
/// <param name="Merged">The actors merged into it.</param>
/// <param name="ClaimIds">The live claims naming it.</param>
public sealed record ActorEntityView(string Entity, string? ActorId, string Name, IReadOnlyList<string> Names, IReadOnlyList<string> SeenAs, IReadOnlyList<string> Merged, IReadOnlyList<string> ClaimIds);

/// <summary>The entities worth showing by their names: every identified actor, and every spelling group normalisation joined.</summary>
public static class ActorEntities
{
    public static IReadOnlyList<ActorEntityView> Of(LedgerView view, DateOnly asOf)
    {
        var names = ViewMemo.Of(view).Names;
        var seen = view.Claims.Values
            .Where(c => c.IsLive && c.Occurred.StandingAt(asOf) != TimeStanding.NotYet)
            .OrderBy(c => c.Position)
            .SelectMany(c => c.Claim.Actors.Select(a => (Spelling: a.Name.Trim(), Claim: c.Claim.ClaimId)))
            .Where(s => s.Spelling.Length > 0)
            .Select(s => (s.Spelling, s.Claim, Entity: names.Resolve(s.Spelling)))
            .ToList();
        var roots = view.Actors.Actors.Keys.Where(id => view.Actors.Root(id) == id).Select(id => "actor:" + id);
        var keys = roots.Concat(seen.GroupBy(s => s.Entity.Key).Where(g => g.Select(s => s.Spelling).Distinct(StringComparer.Ordinal).Count() > 1).Select(g => g.Key))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return keys.Select(key =>
            {
                var uses = seen.Where(s => s.Entity.Key == key).ToList();
                var actorId = key.StartsWith("actor:", StringComparison.Ordinal) ? key["actor:".Length..] : null;
                var members = actorId is null ? [] : view.Actors.Members(actorId).ToList();
                return new ActorEntityView(
                    key,
                    actorId,
                    members.FirstOrDefault()?.Name ?? uses[0].Spelling,
                    members.SelectMany(m => m.Spellings).Distinct(StringComparer.Ordinal).ToList(),
                    uses.Select(u => u.Spelling).Distinct(StringComparer.Ordinal).ToList(),
                    members.Skip(1).Select(m => m.ActorId).ToList(),
                    uses.Select(u => u.Claim).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
            })
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
    }
}
