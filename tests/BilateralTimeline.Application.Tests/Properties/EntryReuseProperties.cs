using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Domain.Sources;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>
/// Views folded one after another by one builder (as the serve index folds views at other known-ats from
/// its checkpoints) share the occurrences and claims the events between them did not touch, and their
/// entries reuse what was derived from those (<see cref="EntryCache"/>). Whatever was reused, each view's
/// entries and timeline order are what the former derivation, kept here as the oracle, builds from that
/// view alone: grouped with LINQ, each occurrence's time judged afresh, sorted with a stable sort.
/// </summary>
public sealed class EntryReuseProperties
{
    [Property(MaxTest = 200)]
    public void Every_views_entries_and_timeline_order_are_the_former_derivations_of_that_view(int seed)
    {
        var random = new Random(seed);
        var history = HistoryGenerator.History(random, claimCount: random.Next(2, 12), correctionCount: random.Next(0, 16));
        var builder = LedgerView.Create().ToBuilder();
        var i = 0;
        foreach (var (e, _) in history)
        {
            i++;
            builder.Apply(new LedgerEnvelope(e, i, i - 1, Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddSeconds(i), "tester"));
            if (random.Next(3) != 0)
            {
                continue;
            }
            var view = builder.ToImmutable();
            var memo = ViewMemo.Of(view);
            var expected = FormerEntries(view);

            Assert.Equal(expected.Select(Describe), memo.Entries.Select(Describe));
            Assert.Equal(FormerOrder(expected).Select(e => e.Id), memo.TimelineOrder.Select(e => e.Id));
        }
    }

    [Fact]
    public void A_view_folded_after_an_unrelated_event_reuses_the_judged_times_and_state_parts_of_its_occurrences()
    {
        // Given a ledger with linked claims, folded once
        var random = new Random(12);
        var builder = LedgerView.Create().ToBuilder();
        var i = 0;
        foreach (var (e, _) in HistoryGenerator.History(random, claimCount: 10, correctionCount: 30))
        {
            i++;
            builder.Apply(new LedgerEnvelope(e, i, i - 1, Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddSeconds(i), "tester"));
        }
        var first = builder.ToImmutable();
        var firstEntries = ViewMemo.Of(first).Entries;
        _ = RelationshipStateProjection.Build("AZE-IRN", first, new DateOnly(2020, 1, 1), null);

        // When an event that touches no claim is folded and the view frozen again
        builder.Apply(new LedgerEnvelope(new SourceRegistered("s9", "outlet", "en", "title", null, HistoryGenerator.Dated(random), null, "text", SourceText.Sha256Hex("text")), i + 1, i, Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddSeconds(i + 1), "tester"));
        var second = builder.ToImmutable();
        var secondEntries = ViewMemo.Of(second).Entries;

        // Then the second view's occurrences carry the very judgements of the first, not new ones
        Assert.NotSame(first, second);
        var occurrences = firstEntries.Where(e => e.IsOccurrence).ToList();
        Assert.NotEmpty(occurrences);
        foreach (var entry in occurrences)
        {
            Assert.Same(entry.Judgement, secondEntries.Single(e => e.Id == entry.Id).Judgement);
            Assert.Same(entry.Claims, secondEntries.Single(e => e.Id == entry.Id).Claims);
        }
        Assert.Equal(
            RelationshipStateProjection.Build("AZE-IRN", first, new DateOnly(2020, 1, 1), null).MovedBy.Select(m => m.EntryId),
            RelationshipStateProjection.Build("AZE-IRN", second, new DateOnly(2020, 1, 1), null).MovedBy.Select(m => m.EntryId));
    }

    /// <summary>The entries as they were built before <see cref="EntryCache"/>.</summary>
    private static List<Entry> FormerEntries(LedgerView view)
    {
        var entries = new List<Entry>();
        var contested = Entries.ContestedClaims(view);
        var byOccurrence = view.Claims.Values.Where(c => c.OccurrenceId is not null).GroupBy(c => c.OccurrenceId!).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Position).ToList());
        foreach (var occurrence in view.Occurrences.Values.OrderBy(o => o.Position))
        {
            var claims = byOccurrence.TryGetValue(occurrence.Occurrence.OccurrenceId, out var list) ? list : [];
            var judgement = OccurrenceTime.Judge(claims);
            entries.Add(new Entry(occurrence.Occurrence.OccurrenceId, occurrence.Occurrence.Title, true, claims, judgement.Time, contested) { Judgement = judgement });
        }
        foreach (var claim in view.Claims.Values.Where(c => c.OccurrenceId is null).OrderBy(c => c.Position))
        {
            entries.Add(new Entry(claim.Claim.ClaimId, claim.Claim.Summary, false, [claim], claim.Occurred, contested));
        }
        return entries;
    }

    private static List<Entry> FormerOrder(List<Entry> entries) =>
        entries
            .OrderBy(e => e.Time.Earliest is null)
            .ThenBy(e => e.Time.Earliest)
            .ThenBy(e => e.Time.Latest)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();

    private static string Describe(Entry e) =>
        $"{e.Id}|{e.Title}|{e.IsOccurrence}|{string.Join(",", e.Claims.Select(c => c.Claim.ClaimId + "@" + c.Position))}|{e.Time}|{string.Join(";", e.Time.Findings)}|{e.Time.Phrase}"
        + $"|{e.Contested}|{e.Retracted}|{string.Join(",", e.Judgement?.Supporters ?? [])}|{string.Join(";", e.Judgement?.SetAside.Select(s => s.ToString()) ?? [])}";
}
