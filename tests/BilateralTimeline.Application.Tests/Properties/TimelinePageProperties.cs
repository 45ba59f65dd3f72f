using System.Text.Json;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Projections.Versions;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>
/// A timeline page answered from entry versions (<see cref="TimelineOrder"/>, <see cref="TimelineSides"/>) is
/// exactly <see cref="TimelineProjection.Build(string, LedgerView, DateOnly, DateTimeOffset?, TimelineWindow)"/>
/// on the view folded to the same event count, window and cursor included. The versions are fed here by the
/// slowest exact means: each count's entries derived from its own view and compared with the previous count's,
/// so the property tests the order, the side histories and the page, not a version log.
/// </summary>
public sealed class TimelinePageProperties
{
    private static readonly DateOnly FirstDay = new(2018, 1, 1);

    [Property(MaxTest = 100)]
    public async Task A_page_from_entry_versions_is_the_folds_page_at_every_count(int seed)
    {
        var random = new Random(seed);
        var events = Ledger(random, random.Next(5, 90));
        var (order, sides, views) = Fold(events);

        for (var round = 0; round < 25; round++)
        {
            var count = random.Next(views.Count);
            var asOf = FirstDay.AddDays(random.Next(-30, 1500));
            var from = random.Next(3) == 0 ? FirstDay.AddDays(random.Next(1400)) : (DateOnly?)null;
            DateOnly? to = random.Next(3) == 0 ? (from ?? FirstDay).AddDays(random.Next(600)) : null;
            var window = new TimelineWindow(from, to, random.Next(3) == 0 ? null : random.Next(1, 6), random.Next(3) == 0 ? random.Next(8) : 0);

            var expected = TimelineProjection.Build("AZE-IRN", views[count], asOf, null, window);
            var actual = await TimelinePage.BuildAsync("AZE-IRN", order, sides, count, views[count].LastPosition, asOf, null, window, () => Task.FromResult(views[count]));

            Assert.Equal(Json(expected), Json(actual));
        }
    }

    [Fact]
    public async Task An_occurrence_and_a_lone_claim_of_the_same_id_and_days_are_listed_occurrence_first_whatever_came_first()
    {
        // Given a lone claim "x" and, recorded after it, an occurrence also named "x" whose one claim has the same days
        var day = new UncertainTime("phrase", "ar", [new CandidateInterval(FirstDay, FirstDay, DatePrecision.Day, ResolutionMethod.Explicit, null, null)], []);
        var events = new List<ILedgerEvent>
        {
            Source("s0", new Random(1)) with { Published = UncertainTime.Unknown },
            Claim("x", day),
            Claim("y", day),
            new OccurrenceIdentified("x", "occurrence x"),
            new ClaimLinked("y", "x", "same"),
        };
        var (order, sides, views) = Fold(events);

        // When
        var page = await TimelinePage.BuildAsync("AZE-IRN", order, sides, events.Count, views[^1].LastPosition, FirstDay, null, TimelineWindow.All, () => Task.FromResult(views[^1]));

        // Then
        Assert.Equal([(true, "x"), (false, "x")], page.Items.Select(i => (i.IsOccurrence, i.Id)));
        Assert.Equal(Json(TimelineProjection.Build("AZE-IRN", views[^1], FirstDay, null)), Json(page));
    }

    private static (TimelineOrder Order, TimelineSides Sides, List<LedgerView> Views) Fold(List<ILedgerEvent> events)
    {
        var order = new TimelineOrder();
        var sides = new TimelineSides();
        var views = new List<LedgerView> { LedgerView.Create() };
        var builder = LedgerView.Create().ToBuilder();
        var current = new Dictionary<(bool, string), (Entry Entry, int Version)>();
        for (var i = 0; i < events.Count; i++)
        {
            var envelope = new LedgerEnvelope(events[i], i + 1, i, Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddSeconds(i), "tester");
            builder.Apply(envelope);
            sides.Add(i, envelope);
            var view = builder.ToImmutable();
            views.Add(view);
            Feed(order, current, view, i + 1);
        }
        return (order, sides, views);
    }

    private static ClaimRecorded Claim(string id, UncertainTime occurred) =>
        new(id, "s0", "meeting", $"claim {id}", Modality.Reported, [], null, occurred, [], [], new Confidence(Reliability.B, 2), [], null);

    /// <summary>Closes the versions of entries that changed or went at <paramref name="count"/>, and opens their new ones.</summary>
    private static void Feed(TimelineOrder order, Dictionary<(bool, string), (Entry Entry, int Version)> current, LedgerView view, int count)
    {
        var now = Entries.Build(view).ToDictionary(e => (e.IsOccurrence, e.Id), e => e with { ContestedClaimIds = null });
        foreach (var key in current.Keys.ToList())
        {
            var (before, version) = current[key];
            if (!now.TryGetValue(key, out var entry) || !ReferenceEquals(before.Claims, entry.Claims) || before.Title != entry.Title)
            {
                order.Close(version, count);
                current.Remove(key);
            }
        }
        foreach (var (key, entry) in now)
        {
            if (!current.ContainsKey(key))
            {
                current[key] = (entry, order.Add(entry, count));
            }
        }
    }

    /// <summary>
    /// A ledger that crosses every path a page takes: occurrences and lone claims (an occurrence and a claim may share
    /// an id), opinions, undated claims from sources published later, re-registered sources, links, unlinks,
    /// re-datings, retractions, supersessions, contradictions on fact and on other fields with their resolutions,
    /// and claims that vacate an office.
    /// </summary>
    private static List<ILedgerEvent> Ledger(Random random, int size)
    {
        var events = new List<ILedgerEvent>();
        var claims = new List<string>();
        var occurrences = new List<string>();
        var open = new List<ClaimsContradicted>();
        events.Add(Source("s0", random));
        while (events.Count < size)
        {
            var pick = random.Next(20);
            if (pick == 0)
            {
                events.Add(Source($"s{random.Next(3)}", random));
            }
            else if (pick <= 2 || claims.Count < 2)
            {
                // Sometimes named like a claim (the order puts the occurrence first), sometimes identified again.
                var id = random.Next(5) == 0 && claims.Count > 0 ? claims[random.Next(claims.Count)]
                    : random.Next(5) == 0 && occurrences.Count > 0 ? occurrences[random.Next(occurrences.Count)]
                    : $"o{occurrences.Count}";
                if (!occurrences.Contains(id))
                {
                    occurrences.Add(id);
                }
                events.Add(new OccurrenceIdentified(id, $"occurrence {id} {random.Next(3)}"));
            }
            else if (pick <= 9)
            {
                var id = $"c{claims.Count}";
                claims.Add(id);
                var vacates = random.Next(8) == 0;
                var modality = random.Next(6) == 0 ? Modality.Opinion : Modality.Reported;
                events.Add(new ClaimRecorded(
                    id, $"s{random.Next(3)}", "meeting", $"claim {id}", modality,
                    [new Actor($"person {random.Next(3)}", "participant", "IRN", random.Next(2) == 0 ? "President" : "Minister of Defence", ActorLevel.Minister)],
                    null, Time(random), [], [], new Confidence(Reliability.B, random.Next(1, 6)),
                    vacates ? [new StatusEffect("office:IRN-president", "vacated", false)] : [], null));
            }
            else
            {
                var claim = claims[random.Next(claims.Count)];
                var other = claims[random.Next(claims.Count)];
                var occurrence = occurrences.Count == 0 ? "o0" : occurrences[random.Next(occurrences.Count)];
                switch (random.Next(8))
                {
                    case 0 or 1:
                        events.Add(new ClaimLinked(claim, occurrence, "same"));
                        break;
                    case 2:
                        events.Add(new ClaimUnlinked(claim, occurrence, "not the same"));
                        break;
                    case 3:
                        events.Add(new ClaimRedated(claim, UncertainTime.Unknown, Time(random), "re-read"));
                        break;
                    case 4:
                        events.Add(random.Next(2) == 0 ? new ClaimRetracted(claim, "wrong") : new ClaimSuperseded(claim, other, "newer"));
                        break;
                    case 5 or 6:
                        var contradiction = new ClaimsContradicted(claim, other, random.Next(2) == 0 ? ContradictionFields.Fact : "date", "disagree");
                        open.Add(contradiction);
                        events.Add(contradiction);
                        break;
                    default:
                        if (open.Count > 0)
                        {
                            var c = open[random.Next(open.Count)];
                            open.Remove(c);
                            events.Add(new ContradictionResolved(c.OtherClaimId, c.ClaimId, c.Field, "first holds", "checked"));
                        }
                        break;
                }
            }
        }
        return events;
    }

    private static SourceRegistered Source(string id, Random random) =>
        new(id, $"outlet {random.Next(100)}", "ar", "title", null, random.Next(3) == 0 ? UncertainTime.Unknown : Time(random), null, "نص", SourceText.Sha256Hex("نص"));

    private static UncertainTime Time(Random random)
    {
        if (random.Next(5) == 0)
        {
            return UncertainTime.Unknown;
        }
        var candidates = Enumerable.Range(0, random.Next(4) == 0 ? 2 : 1)
            .Select(_ =>
            {
                // Few distinct days, so that entries often share a key and only the id and the kind order them.
                var from = FirstDay.AddDays(random.Next(2) == 0 ? random.Next(4) * 30 : random.Next(1400));
                return new CandidateInterval(from, from.AddDays(random.Next(4) == 0 ? random.Next(300) : random.Next(2)), DatePrecision.Day, ResolutionMethod.Explicit, null, null);
            })
            .ToList();
        return new UncertainTime("phrase", "ar", candidates, random.Next(5) == 0 ? ["a finding"] : []);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, LedgerJson.Options);
}
