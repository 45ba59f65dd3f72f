using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using BilateralTimeline.Domain.Actors;
using Lucene.Net.Analysis.Ar;

namespace BilateralTimeline.Application.Projections;

/// <summary>The entity a spelling counts as: an identified actor (<see cref="ActorId"/>) or, without one, the spelling's normal form.</summary>
/// <param name="Key">"actor:ID" for an identified actor, "name:NORMAL" otherwise; what tenures, origins and findings group by.</param>
/// <param name="ActorId">The identified actor (the root of its merges); null for a name no actor event speaks of.</param>
/// <param name="Name">The identified actor's name; null for an unidentified one (its spellings speak for it).</param>
public sealed record ActorRef(string Key, string? ActorId, string? Name);

/// <summary>A name as a claim wrote it, with the entity it counts as (what trace and explain show).</summary>
public sealed record NamedEntity(string Name, string Entity, string? ActorId, string? ActorName);

/// <summary>
/// Which spellings name one entity. Explicit actor events decide first: a spelling that is (in its light
/// form: case and spaces) the name or an alias of an identified actor is that actor, through its merges.
/// Otherwise the normalisation proposes: spellings equal after <see cref="Normalise"/> are one entity,
/// the identified actor whose explicit spellings normalise so (when exactly one does), else an entity of
/// its own. So an alias event can put a spelling on another actor than its normal form would, and only
/// an event can join two scripts ("Amir-Abdollahian" and "أمير عبد اللهيان" never normalise equal).
/// </summary>
public sealed class ActorNames
{
    private static readonly ArabicNormalizer Arabic = new();

    private readonly ActorRegistry _registry;
    private readonly Dictionary<string, string> _explicit = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _normal = new(StringComparer.Ordinal);
    // Shared by every request on one view (ViewMemo), so resolutions may be added from several threads at once.
    private readonly ConcurrentDictionary<string, ActorRef> _resolved = new(StringComparer.Ordinal);

    public ActorNames(ActorRegistry registry)
    {
        _registry = registry;
        foreach (var actor in registry.Actors.Values)
        {
            var root = registry.Root(actor.ActorId);
            foreach (var spelling in actor.Spellings)
            {
                _explicit.TryAdd(ActorRegistry.Light(spelling), actor.ActorId);
                var normal = Normalise(spelling);
                // Two entities whose explicit spellings normalise alike: the normal form proposes neither.
                _normal[normal] = _normal.TryGetValue(normal, out var other) && other != root ? null : root;
            }
        }
    }

    /// <summary>The entity <paramref name="spelling"/> names.</summary>
    public ActorRef Resolve(string spelling)
    {
        if (_resolved.TryGetValue(spelling, out var known))
        {
            return known;
        }
        var normal = Normalise(spelling);
        string? actorId = _explicit.TryGetValue(ActorRegistry.Light(spelling), out var holder) ? _registry.Root(holder)
            : _normal.TryGetValue(normal, out var proposed) ? proposed
            : null;
        var resolved = actorId is null
            ? new ActorRef("name:" + normal, null, null)
            : new ActorRef("actor:" + actorId, actorId, _registry.Actors.TryGetValue(actorId, out var a) ? a.Name : actorId);
        return _resolved[spelling] = resolved;
    }

    /// <summary>The entity of each name, in order, for a reader to see who a spelling was taken to be.</summary>
    public IReadOnlyList<NamedEntity> Describe(IEnumerable<string> spellings) =>
        spellings.Select(s =>
        {
            var entity = Resolve(s.Trim());
            return new NamedEntity(s, entity.Key, entity.ActorId, entity.Name);
        }).ToList();

    /// <summary>
    /// Case, spacing, hyphens and punctuation, Latin diacritics, and Arabic spelling variants (alef forms,
    /// yaa and alef maqsura, taa marbuta, tatweel, harakat, Persian yeh and keheh) do not tell two people
    /// apart: "Amir-Abdollahian" and "amirabdollahian", "أمير عبد اللهيان" and "امير عبداللهيان" are equal here.
    /// </summary>
    public static string Normalise(string name)
    {
        var buffer = name.ToLowerInvariant().Replace('ی', 'ي').Replace('ک', 'ك').ToCharArray();
        var length = Arabic.Normalize(buffer, buffer.Length);
        var kept = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var c = buffer[i];
            var folded = LatinBase.IndexOf(c, StringComparison.Ordinal);
            if (folded >= 0)
            {
                kept.Append(LatinFolded[folded]);
            }
            // Letters and digits only: hyphens, spaces, apostrophes, ayn/hamza signs and dots are how transliterations differ, not who is named.
            else if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.ModifierLetter))
            {
                kept.Append(c);
            }
        }
        return kept.ToString();
    }

    // The build runs with invariant globalization (no Unicode decomposition), so the Latin letters that
    // transliterations of Persian, Arabic and Azerbaijani names carry are folded by hand; ə is "a" as in Aliyev.
    private const string LatinBase = "áàâäãåāăąəçćčḍďđéèêëēėęěğġḥħíìîïīıḳķłľļñńňóòôöõōőøŕřśşšṣṭťţúùûüūůűųýÿźżžẓ";
    private const string LatinFolded = "aaaaaaaaaacccdddeeeeeeeegghhiiiiiikklllnnnoooooooorrsssstttuuuuuuuuyyzzzz";
}
