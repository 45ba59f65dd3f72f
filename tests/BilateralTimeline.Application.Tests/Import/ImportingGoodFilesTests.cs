using BilateralTimeline.Application.Features.Trace.TraceClaim;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Import;

public sealed class ImportingGoodFilesTests
{
    [Fact]
    public async Task A_good_file_is_appended_to_its_dyad_stream_in_one_append()
    {
        await using var ledger = TestLedger.Create();

        var result = await ledger.ImportAsync("baseline.claims.json", Samples.Baseline);

        var log = await ledger.LogAsync();
        Assert.Equal(
            ["source-registered/v1", "occurrence-identified/v1", "occurrence-identified/v1", "claim-recorded/v1", "claim-linked/v1", "claim-recorded/v1", "claim-linked/v1"],
            log.Select(e => e.Type));
        Assert.Equal(log.Count, result.EventsAppended);
        Assert.Equal("AZE-IRN", result.Dyad);
        Assert.Equal((1, 2, 2), (result.Sources, result.Claims, result.Occurrences));
        Assert.Equal(log[^1].Position, result.LastGlobalPosition);
        Assert.Equal(log.Count - 1, result.StreamRevision);
        Assert.All(log, e => Assert.Equal("dyad-azeirn", e.Stream));
        Assert.Equal(Enumerable.Range(0, log.Count).Select(i => (long)i), log.Select(e => e.Revision));
        // One append: one transaction time, one correlation id, one author for the whole file.
        Assert.Single(log.Select(e => e.Recorded).Distinct());
        Assert.Single(log.Select(e => e.CorrelationId).Distinct());
        Assert.NotNull(log[0].CorrelationId);
        Assert.All(log, e => Assert.Equal("tester", e.RecordedBy));
        Assert.Equal(TestLedger.Start, log[0].Recorded);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_appends_nothing_the_second_time()
    {
        await using var ledger = TestLedger.Create();
        var first = await ledger.ImportAsync("baseline.claims.json", Samples.Baseline);
        var before = await ledger.LogAsync();
        ledger.Clock.Advance(TimeSpan.FromHours(1));

        var second = await ledger.ImportAsync("baseline.claims.json");

        Assert.True(first.EventsAppended > 0);
        Assert.Equal(0, second.EventsAppended);
        Assert.Equal(first.StreamRevision, second.StreamRevision);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_file_overlapping_an_earlier_import_appends_only_what_is_new()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Baseline);
        file["claims"]!.AsArray().Add(Samples.Parse(Samples.Attack)["claims"]![0]!.DeepClone());

        var result = await ledger.ImportAsync("baseline-and-attack.claims.json", file);

        var after = await ledger.LogAsync();
        Assert.Equal(1, result.EventsAppended);
        Assert.Equal(before, after.Take(before.Count));
        Assert.Equal("claim-recorded/v1", Assert.Single(after.Skip(before.Count)).Type);
    }

    [Fact]
    public async Task Event_ids_are_the_same_when_the_same_files_go_into_two_fresh_stores()
    {
        await using var one = TestLedger.Create();
        await using var other = TestLedger.Create();
        other.Clock.Advance(TimeSpan.FromDays(3));

        foreach (var ledger in new[] { one, other })
        {
            await ledger.ImportAsync("baseline.claims.json", Samples.Baseline);
            await ledger.ImportAsync("denial.claims.json", Samples.Denial);
        }

        var ids = (await one.LogAsync()).Select(e => e.EventId).ToList();
        var otherIds = (await other.LogAsync()).Select(e => e.EventId).ToList();
        Assert.Equal(9, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids, otherIds);
    }

    [Fact]
    public async Task A_source_text_read_from_a_text_file_keeps_its_bytes_and_its_quotes_verify()
    {
        await using var ledger = TestLedger.Create();
        ledger.Write("texts-ar.txt", Samples.ArabicText);
        var file = $$"""
            {
              "formatVersion": 1,
              "dyad": "AZE-IRN",
              "sources": [ { "id": "src-ar", "outlet": "Example Agency", "language": "ar", "title": "إغلاق السفارة", "textFile": "texts-ar.txt", "sha256": "{{Samples.ArabicSha256.ToUpperInvariant()}}" } ],
              "claims": [
                {
                  "id": "c-ar",
                  "source": "src-ar",
                  "kind": "reduce-relations",
                  "summary": "Azerbaijan announced the closure of its embassy in Tehran",
                  "modality": "reported",
                  "quotes": [ { "start": 34, "end": 56, "text": "إغلاق سفارتها في طهران" } ],
                  "confidence": { "reliability": "B", "credibility": 2 }
                }
              ]
            }
            """;

        var result = await ledger.ImportAsync("arabic.claims.json", file);
        var trace = await ledger.Mediator.Send(new TraceClaim("c-ar", "AZE-IRN"));

        Assert.Equal(2, result.EventsAppended);
        Assert.Equal(Samples.ArabicSha256, trace.Source.StoredSha256);
        Assert.True(trace.Source.HashMatches);
        var quote = Assert.Single(trace.Quotes);
        Assert.True(quote.MatchesSource);
        Assert.Equal("أعلنت وزارة الخارجية الأذربيجانية ", quote.Before);
    }
}
