using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>
/// Random ledgers for the entry log: the sensitivity generator's mix of every correction (links, unlinks,
/// retractions, re-gradings, re-datings, corroborations, contradictions and resolutions, supersessions),
/// with people of every level on the claims (so high-level contact comes and goes), claims dated relative
/// to earlier ones that re-datings carry along, links to occurrences identified only later, occurrences and
/// claims recorded again under their id, and events of a type the fold does not read (null).
/// </summary>
internal static class EntryLogGenerator
{
    private static readonly ActorLevel[] Levels = Enum.GetValues<ActorLevel>();

    public static List<LedgerEnvelope?> Ledger(Random random, int events)
    {
        var times = new Dictionary<string, UncertainTime>(StringComparer.Ordinal);
        var recorded = new List<ClaimRecorded>();
        var result = new List<ILedgerEvent?>();
        var late = 0;
        foreach (var (e, _) in SensitivityLedgerGenerator.History(random, events))
        {
            switch (e)
            {
                case ClaimRecorded claim:
                    var dated = claim with { Actors = Actors(random), Occurred = Anchored(random, times) ?? claim.Occurred };
                    times[dated.ClaimId] = dated.Occurred;
                    recorded.Add(dated);
                    result.Add(dated);
                    break;
                case ClaimRedated redated when times.TryGetValue(redated.ClaimId, out var previous):
                    var now = random.Next(2) == 0 ? redated.Occurred : Anchored(random, times) ?? redated.Occurred;
                    times[redated.ClaimId] = now;
                    result.Add(redated with { Previous = previous, Occurred = now });
                    break;
                default:
                    result.Add(e);
                    break;
            }
            if (recorded.Count == 0)
            {
                continue;
            }
            switch (random.Next(40))
            {
                case 0:
                    // Linked before the occurrence exists: no entry shows the claim until it is identified.
                    var id = $"late{late++}";
                    result.Add(new ClaimLinked(recorded[random.Next(recorded.Count)].ClaimId, id, "ahead of the occurrence"));
                    result.Add(null);
                    result.Add(new OccurrenceIdentified(id, $"late occurrence {id}"));
                    break;
                case 1:
                    result.Add(new OccurrenceIdentified(random.Next(2) == 0 ? "o1" : $"late{random.Next(Math.Max(1, late))}", "identified again"));
                    break;
                case 2:
                    // Recorded again: the fold replaces the claim whole, at its new position.
                    var again = recorded[random.Next(recorded.Count)];
                    times[again.ClaimId] = again.Occurred;
                    result.Add(again with { Summary = again.Summary + " (again)" });
                    break;
                case 3:
                    result.Add(null);
                    break;
            }
        }
        return result.Select((e, i) => e is null ? null : new LedgerEnvelope(e, i + 1, i, Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddSeconds(i), "tester")).ToList();
    }

    /// <summary>A third of the time, the readings of an earlier dated claim moved by some days, anchored on it.</summary>
    private static UncertainTime? Anchored(Random random, Dictionary<string, UncertainTime> times)
    {
        if (times.Count == 0 || random.Next(3) != 0)
        {
            return null;
        }
        var (anchor, time) = times.ElementAt(random.Next(times.Count));
        if (time.IsUnknown)
        {
            return null;
        }
        var days = random.Next(0, 60);
        return new UncertainTime(null, null, time.Candidates.Select(c => c with { From = c.From.AddDays(days), To = c.To.AddDays(days), Method = ResolutionMethod.RelativeToClaim, Anchor = $"{anchor} ({days} days after)" }).ToList(), []);
    }

    private static List<Actor> Actors(Random random) =>
        Enumerable.Range(0, random.Next(3))
            .Select(_ => new Actor($"person {random.Next(4)}", "participant", "AZE", random.Next(2) == 0 ? null : "minister", Levels[random.Next(Levels.Length)]))
            .ToList();
}
