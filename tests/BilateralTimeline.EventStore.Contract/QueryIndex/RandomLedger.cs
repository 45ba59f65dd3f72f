using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.EventStore.Contract.QueryIndex;

/// <summary>
/// A seeded random ledger of one dyad, in append batches with the time each batch waits before it is
/// written: sources, occurrences and claims (dated, undated, contested, with effects and office
/// holders), then every kind of correction on earlier claims, so that any known-at cuts through a
/// history of links, retractions, revisions, corroborations, contradictions and their resolutions,
/// supersessions, re-datings and unlinks. The same seed always gives the same ledger.
/// </summary>
public sealed class RandomLedger
{
    private static readonly string[] Kinds = ["statement", "meeting", "visit", "agreement", "military-cooperation", "accusation", "threat", "reduce-relations", "procurement", "assessment"];
    private static readonly Modality[] Modalities = [Modality.Asserted, Modality.Asserted, Modality.Reported, Modality.Reported, Modality.Unconfirmed, Modality.Opinion, Modality.Denial];
    private static readonly DateOnly FirstDay = new(2018, 1, 1);

    private readonly Random _random;
    private readonly List<string> _sources = [];
    private readonly List<string> _occurrences = [];
    private readonly List<string> _claims = [];
    private readonly Dictionary<string, UncertainTime> _occurred = [];
    private readonly Dictionary<string, string> _linked = [];
    private readonly List<(string Claim, string Other, string Field)> _open = [];

    private RandomLedger(int seed) => _random = new Random(seed);

    /// <summary>Batches of events, each with how long after the previous batch it is recorded (zero: in the same instant).</summary>
    public static IReadOnlyList<(TimeSpan Wait, IReadOnlyList<ILedgerEvent> Events)> Generate(int seed, int events)
    {
        var ledger = new RandomLedger(seed);
        var batches = new List<(TimeSpan, IReadOnlyList<ILedgerEvent>)>();
        var written = 0;
        while (written < events)
        {
            var batch = new List<ILedgerEvent>();
            var size = ledger._random.Next(1, 6);
            for (var i = 0; i < size; i++)
            {
                batch.Add(ledger.Next());
            }
            written += batch.Count;
            var wait = ledger._random.Next(5) == 0 ? TimeSpan.Zero : TimeSpan.FromMinutes(ledger._random.Next(1, 36 * 60));
            batches.Add((wait, batch));
        }
        return batches;
    }

    private ILedgerEvent Next()
    {
        if (_sources.Count == 0 || _random.Next(25) == 0)
        {
            return Source();
        }
        if (_claims.Count < 3)
        {
            return Claim();
        }
        return _random.Next(16) switch
        {
            0 or 1 => Occurrence(),
            2 or 3 or 4 or 5 => Claim(),
            6 => Link(),
            7 => Correction(c => new ClaimRetracted(c, "withdrawn by the outlet")),
            8 => Correction(c => new ConfidenceRevised(c, new Confidence(Reliability.B, 2), new Confidence(Pick([Reliability.A, Reliability.C, Reliability.E]), _random.Next(1, 7)), "re-graded")),
            9 => Pair((c, o) => new ClaimsCorroborated(c, o, "same account")),
            10 => Contradict(),
            11 => Resolve(),
            12 => Pair((c, o) => new ClaimSuperseded(c, o, "newer report")),
            13 or 14 => ActorEvent(),
            _ => _random.Next(2) == 0 ? Redate() : Unlink(),
        };
    }

    /// <summary>Registry events over a few actors, whatever the decider would say: the folds must agree on any log.</summary>
    private ILedgerEvent ActorEvent()
    {
        var actor = $"a{_random.Next(3)}";
        return _random.Next(4) switch
        {
            0 => new ActorIdentified(actor, Pick(["Ali Rezaei", "Hasan Aliyev", "Farid Mammadov"])),
            1 => new ActorAliasAdded(actor, Pick(["ali-rezaei", "Hasan Aliev", "فريد محمدوف", "Farid Mamedov"]), "another spelling"),
            2 => new ActorsMerged(actor, $"a{_random.Next(3)}", "one person"),
            _ => new ActorsUnmerged(actor, $"a{_random.Next(3)}", "two people"),
        };
    }

    private SourceRegistered Source()
    {
        var id = $"s{_sources.Count}";
        _sources.Add(id);
        var text = $"Text of source {id}: officials met and disagreed.";
        var published = _random.Next(3) == 0 ? UncertainTime.Unknown : Time(allowUndated: false);
        return new SourceRegistered(id, $"Outlet {_random.Next(4)}", "en", $"Article {id}", null, published, null, text, SourceText.Sha256Hex(text));
    }

    private OccurrenceIdentified Occurrence()
    {
        var id = $"o{_occurrences.Count}";
        _occurrences.Add(id);
        return new OccurrenceIdentified(id, $"occurrence {id}");
    }

    private ClaimRecorded Claim()
    {
        var id = $"c{_claims.Count}";
        _claims.Add(id);
        var occurred = _random.Next(5) == 0 ? Anchored() ?? Time(allowUndated: true) : Time(allowUndated: true);
        _occurred[id] = occurred;
        return new ClaimRecorded(
            id, Pick(_sources), Pick(Kinds), $"claim {id}", Pick(Modalities), Actors(), null, occurred,
            [new AttributionLink("Outlet", AttributionKind.Source)], [], new Confidence(Reliability.B, 2), Effects(), null);
    }

    private List<Actor> Actors()
    {
        var actors = new List<Actor>();
        if (_random.Next(2) == 0)
        {
            actors.Add(new Actor(Pick(["Ali Rezaei", "Ali-Rezaei", "Hasan Aliyev", "Hasan Aliev", "Farid Mammadov", "فريد محمدوف"]), "speaker", Pick(["IRN", "AZE"]), Pick(["President of Iran", "Foreign Minister", "Minister of Defence of Azerbaijan", "former President"]), Pick([ActorLevel.HeadOfState, ActorLevel.Minister, ActorLevel.Official])));
        }
        if (_random.Next(4) == 0)
        {
            actors.Add(new Actor("A spokesperson", "speaker", null, null, ActorLevel.Person));
        }
        return actors;
    }

    private List<StatusEffect> Effects() => _random.Next(6) switch
    {
        0 => [new StatusEffect("embassy:IRN-in-AZE", Pick(["open", "closed"]), _random.Next(2) == 0)],
        1 => [new StatusEffect(Pick(["office:IRN-president", "office:AZE-defence-minister"]), "vacated", false)],
        2 => [new StatusEffect("agreement:gas", Pick(["signed", "suspended"]), false)],
        _ => [],
    };

    /// <summary>A time counted from an earlier dated claim ("N days after it"), so re-dating that claim moves this one in the fold.</summary>
    private UncertainTime? Anchored()
    {
        var dated = _occurred.Where(o => !o.Value.IsUnknown).Select(o => o.Key).ToList();
        if (dated.Count == 0)
        {
            return null;
        }
        var anchor = Pick(dated);
        var days = _random.Next(0, 400);
        var candidates = _occurred[anchor].Candidates
            .Select(c => new CandidateInterval(c.From.AddDays(days), c.To.AddDays(days), c.Precision, ResolutionMethod.RelativeToClaim, $"{anchor} ({days} days after it)", null))
            .ToList();
        return new UncertainTime(null, null, candidates, []);
    }

    private UncertainTime Time(bool allowUndated)
    {
        if (allowUndated && _random.Next(6) == 0)
        {
            return UncertainTime.Unknown;
        }
        var candidates = new List<CandidateInterval>();
        var count = _random.Next(7) == 0 ? 2 : 1;
        for (var i = 0; i < count; i++)
        {
            var from = FirstDay.AddDays(_random.Next(2000));
            var to = from.AddDays(_random.Next(3) == 0 ? _random.Next(1, 90) : 0);
            candidates.Add(new CandidateInterval(from, to, from == to ? DatePrecision.Day : DatePrecision.Month, ResolutionMethod.Explicit, null, null));
        }
        return new UncertainTime(_random.Next(3) == 0 ? "last week" : null, null, candidates, _random.Next(8) == 0 ? ["a finding about the date"] : []);
    }

    private ILedgerEvent Link()
    {
        if (_occurrences.Count == 0)
        {
            return Occurrence();
        }
        var claim = Pick(_claims);
        var occurrence = Pick(_occurrences);
        _linked[claim] = occurrence;
        return new ClaimLinked(claim, occurrence, "same happening");
    }

    private ILedgerEvent Unlink()
    {
        if (_linked.Count == 0)
        {
            return Link();
        }
        var (claim, occurrence) = _linked.ElementAt(_random.Next(_linked.Count));
        _linked.Remove(claim);
        return new ClaimUnlinked(claim, occurrence, "different happening");
    }

    private ILedgerEvent Redate()
    {
        var claim = Pick(_claims);
        var occurred = Time(allowUndated: true);
        var previous = _occurred[claim];
        _occurred[claim] = occurred;
        return new ClaimRedated(claim, previous, occurred, "the source meant another week");
    }

    private ILedgerEvent Contradict()
    {
        var field = Pick(["occurred", "actors", "kind"]);
        return Pair((c, o) =>
        {
            _open.Add((c, o, field));
            return new ClaimsContradicted(c, o, field, "the accounts differ");
        });
    }

    private ILedgerEvent Resolve()
    {
        if (_open.Count == 0)
        {
            return Contradict();
        }
        var index = _random.Next(_open.Count);
        var (claim, other, field) = _open[index];
        _open.RemoveAt(index);
        // Either side may be named first: the fold must find the pair both ways.
        return _random.Next(2) == 0
            ? new ContradictionResolved(claim, other, field, $"{claim} holds", "a third source settled it")
            : new ContradictionResolved(other, claim, field, $"{other} holds", "a third source settled it");
    }

    private ILedgerEvent Correction(Func<string, ILedgerEvent> make) => make(Pick(_claims));

    private ILedgerEvent Pair(Func<string, string, ILedgerEvent> make)
    {
        var claim = Pick(_claims);
        var other = Pick(_claims);
        return other == claim ? Claim() : make(claim, other);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
