using System.Text.Json;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Projections.Versions;
using BilateralTimeline.Application.Serialization;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>
/// The entry log against its oracle, the fold: after every count of events of a random ledger, the
/// versions alive at that count are the entries <see cref="Entries.Build(LedgerView)"/> gives for the
/// step-by-step fold of those events (same ids, order, claims, times, judgements), their parts are
/// <see cref="RelationshipStateParts.Of"/>'s, and the state the log answers at random dates and pages is
/// <see cref="RelationshipStateProjection.Build(string, LedgerView, DateOnly, DateTimeOffset?, int, int?)"/>'s,
/// to the last digit. Every count is checked again at the end, after later events closed its versions.
/// </summary>
public sealed class EntryLogProperties
{
    private const string Dyad = "AZE-IRN";

    private static readonly JsonSerializerOptions Options = LedgerJson.Options;

    [Property(MaxTest = 120)]
    public void At_every_count_the_logs_entries_parts_and_state_are_the_folds(int seed)
    {
        // Given a random ledger, folded by the log and, as the oracle, step by step
        var random = new Random(seed);
        var ledger = EntryLogGenerator.Ledger(random, random.Next(5, 90));
        var views = Oracle(ledger);
        var log = new EntryLog();
        var builder = LedgerView.Create().ToBuilder();

        // When the log follows it event by event, Then every count so far answers as the fold does
        Check(seed, log, 0, views[0], random);
        for (var i = 0; i < ledger.Count; i++)
        {
            Feed(log, builder, ledger[i]);
            Check(seed, log, i + 1, views[i + 1], random);
        }
        for (var count = 0; count <= ledger.Count; count++)
        {
            Check(seed, log, count, views[count], random);
        }
    }

    [Property(MaxTest = 60)]
    public void A_log_started_from_a_fold_state_answers_every_later_count_as_the_fold(int seed)
    {
        // Given the fold of a random ledger's first events (a checkpoint, a snapshot)
        var random = new Random(seed);
        var ledger = EntryLogGenerator.Ledger(random, random.Next(5, 60));
        var views = Oracle(ledger);
        var start = random.Next(ledger.Count + 1);

        // When a log starts from it and follows the rest
        var log = new EntryLog(views[start], start);
        var builder = views[start].ToBuilder();
        for (var i = start; i < ledger.Count; i++)
        {
            Feed(log, builder, ledger[i]);
        }

        // Then
        for (var count = start; count <= ledger.Count; count++)
        {
            Check(seed, log, count, views[count], random);
        }
        Assert.Equal(ledger.Count, log.Count);
        if (start > 0)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => log.AliveAt(start - 1));
        }
    }

    [Fact]
    public void A_long_ledger_queried_between_its_events_answers_as_the_fold_once_its_rows_were_reordered_many_times()
    {
        // Given a ledger long enough that the log's rows outgrow the unsorted tail many times, asked between writes
        var random = new Random(2026);
        var ledger = EntryLogGenerator.Ledger(random, 9000);
        var views = Oracle(ledger);
        var log = new EntryLog();
        var builder = LedgerView.Create().ToBuilder();
        var asked = 0;
        for (var i = 0; i < ledger.Count; i++)
        {
            Feed(log, builder, ledger[i]);
            if (random.Next(40) == 0 || i == ledger.Count - 1)
            {
                // When
                var count = random.Next(3) == 0 ? i + 1 : random.Next(i + 2);
                var asOf = HistoryGenerator.Day(random);

                // Then
                Assert.Equal(Json(RelationshipStateProjection.Build(Dyad, views[count], asOf, null, 0, 10)), Json(log.StateAt(Dyad, count, asOf, null, 0, 10)));
                asked++;
            }
        }
        Assert.True(log.Versions.Count > 2 * 4096, $"only {log.Versions.Count} versions: the tail was never folded into the body");
        Assert.True(asked > 100);
        Check(2026, log, ledger.Count, views[^1], random);
    }

    [Fact]
    public void A_claim_linked_to_an_occurrence_ends_its_own_entry_and_gets_a_new_version_of_the_occurrences()
    {
        // Given a lone claim and an occurrence
        var log = new EntryLog();
        var builder = LedgerView.Create().ToBuilder();
        var claim = HistoryGeneratorClaim("c-lone");
        var added = new List<EntryVersion>();
        var ended = new List<EntryVersion>();
        log.Added += added.Add;
        log.Ended += ended.Add;
        Feed(log, builder, Envelope(new Domain.Occurrences.OccurrenceIdentified("o-1", "the meeting"), 1));
        Feed(log, builder, Envelope(claim, 2));

        // When it is linked
        Feed(log, builder, Envelope(new Domain.Occurrences.ClaimLinked("c-lone", "o-1", "same meeting"), 3));

        // Then its lone entry ended at the link, and the occurrence's new version holds it
        var lone = Assert.Single(added, v => v.Entry.Id == "c-lone");
        Assert.Equal((2, 3), (lone.From, lone.To));
        Assert.Contains(lone, ended);
        var occurrence = log.AliveAt(3).Single();
        Assert.Equal("o-1", occurrence.Entry.Id);
        Assert.Equal(["c-lone"], occurrence.Entry.Claims.Select(c => c.Claim.ClaimId));
        Assert.Equal(["o-1", "c-lone"], log.AliveAt(2).Select(v => v.Entry.Id));
        Assert.Empty(log.AliveAt(0));
    }

    private static Domain.Claims.ClaimRecorded HistoryGeneratorClaim(string id) =>
        new(id, "s1", "meeting", $"claim {id}", Domain.Claims.Modality.Asserted, [], null, HistoryGenerator.Dated(new Random(1)), [], [], new Domain.Claims.Confidence(Domain.Claims.Reliability.B, 2), [], null);

    private static LedgerEnvelope Envelope(Domain.ILedgerEvent e, long position) =>
        new(e, position, position - 1, Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddSeconds(position), "tester");

    private static void Feed(EntryLog log, LedgerView.Builder builder, LedgerEnvelope? envelope)
    {
        if (envelope is null)
        {
            log.Skip();
        }
        else
        {
            log.Apply(builder, envelope);
        }
    }

    /// <summary>The pure step-by-step fold after every count of events (an unreadable event changes nothing).</summary>
    private static List<LedgerView> Oracle(List<LedgerEnvelope?> ledger)
    {
        var views = new List<LedgerView> { LedgerView.Create() };
        foreach (var envelope in ledger)
        {
            views.Add(envelope is null ? views[^1] : LedgerView.Apply(views[^1], envelope));
        }
        return views;
    }

    private static void Check(int seed, EntryLog log, int count, LedgerView view, Random random)
    {
        var alive = log.AliveAt(count);
        var expected = Entries.Build(view).Select(e => e with { ContestedClaimIds = null }).ToList();
        Assert.True(
            expected.Select(Describe).SequenceEqual(alive.Select(v => Describe(v.Entry))),
            $"seed {seed}, count {count}:\nfold: {string.Join("\n      ", expected.Select(Describe))}\nlog:  {string.Join("\n      ", alive.Select(v => Describe(v.Entry)))}");
        Assert.All(alive, v => Assert.True(v.AliveAt(count)));

        var parts = RelationshipStateParts.Of(Dyad, view);
        var fromLog = new RelationshipStateParts(
            Dyad, log.LastPositionAt(count), log.ClaimsAt(count), log.RetractedAt(count),
            alive.Where(v => v.Parts.Scored is not null).Select(v => v.Parts.Scored!).ToList(),
            alive.SelectMany(v => v.Parts.Changes).ToList(),
            alive.Where(v => v.Parts.Contact is not null).Select(v => v.Parts.Contact!).ToList());
        Assert.Equal(Json(parts), Json(fromLog));

        for (var round = 0; round < 3; round++)
        {
            var asOf = HistoryGenerator.Day(random);
            var (skip, limit) = random.Next(3) == 0 ? (0, (int?)null) : (random.Next(4), (int?)random.Next(1, 6));
            var knownAt = random.Next(2) == 0 ? (DateTimeOffset?)null : DateTimeOffset.UnixEpoch.AddSeconds(count);
            var want = Json(RelationshipStateProjection.Build(Dyad, view, asOf, knownAt, skip, limit));
            var got = Json(log.StateAt(Dyad, count, asOf, knownAt, skip, limit));
            Assert.True(want == got, $"seed {seed}, count {count}, as of {asOf}, skip {skip}, limit {limit}:\nfold: {want}\nlog:  {got}");
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Everything an entry shows, its claims by value (a frozen claim is a new instance per fold).</summary>
    private static string Describe(Entry e) =>
        $"{e.Id}|{e.Title}|{e.IsOccurrence}|{Json(e.Claims)}|{Json(e.Time)}|{e.Contested}|{e.Retracted}|{Json(e.Judgement)}";
}
