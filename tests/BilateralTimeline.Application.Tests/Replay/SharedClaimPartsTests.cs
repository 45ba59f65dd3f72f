using System.Text;
using System.Text.Json;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Tests.Properties;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Testing.Golden;

namespace BilateralTimeline.Application.Tests.Replay;

/// <summary>
/// The replay decoder shares a claim's parts (actors, attribution, quotes, effects, dates) by their exact
/// bytes. Sharing must be invisible: every event decodes to what the general serializer gives, and every
/// view folds to what the pure step folds, also when most parts come out of the decoder's memory.
/// </summary>
public sealed class SharedClaimPartsTests
{
    private const string Parts = """
        "actors":[{"name":"Synthetic Minister","role":"speaker","country":"AZE","title":"Minister of Defence","level":"minister"}],"occurred":{"candidates":[{"from":"2015-01-01","to":"2015-01-02","precision":"day","method":"explicit"}],"findings":[]},"attribution":[{"name":"Wire","kind":"source"}]
        """;

    [Fact]
    public void Claims_with_the_same_actors_attribution_quotes_and_dates_hold_one_instance_of_each()
    {
        // Given two claims of one article with equal parts, and a third quoting other words
        var decoder = new ReplayDecoder();

        // When
        var first = Claim(decoder, 1, "c1", """[{"start":6,"end":18,"text":"جيشا البلدين"}]""");
        var second = Claim(decoder, 2, "c2", """[{"start":6,"end":18,"text":"جيشا البلدين"}]""");
        var third = Claim(decoder, 3, "c3", """[{"start":0,"end":5,"text":"وأجرى"}]""");

        // Then
        Assert.Same(first.Actors, second.Actors);
        Assert.Same(first.Attribution, second.Attribution);
        Assert.Same(first.Quotes, second.Quotes);
        Assert.Same(first.Occurred, second.Occurred);
        Assert.Same(first.Actors, third.Actors);
        Assert.NotSame(first.Quotes, third.Quotes);
        Assert.Equal("وأجرى", Assert.Single(third.Quotes).Text);
        Assert.Equal("c2", second.ClaimId);
    }

    public static TheoryData<string> GoldenSets => [.. Directory.GetDirectories(GoldenSet.Root).Where(d => File.Exists(Path.Combine(d, "events.jsonl"))).Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(GoldenSets))]
    public void Every_golden_log_decodes_and_folds_through_one_replay_decoder_as_through_the_general_serializer(string set)
    {
        // Given a golden log, read twice through one decoder: the second pass takes every part from its memory
        var events = GoldenLog.Read(Path.Combine(GoldenSet.Root, set, "events.jsonl"));
        var decoder = new ReplayDecoder();

        for (var pass = 0; pass < 2; pass++)
        {
            // When / Then
            AssertSameAsGeneral(decoder, events);
        }
        Assert.True(events.Count > 100, $"{set} holds {events.Count} events");
    }

    [Fact]
    public void Random_ledgers_decode_and_fold_through_one_replay_decoder_as_through_the_general_serializer()
    {
        // Given thirty random histories, all through one decoder, so later ones meet parts earlier ones left
        var decoder = new ReplayDecoder();
        for (var seed = 1; seed <= 30; seed++)
        {
            var random = new Random(seed);
            var history = HistoryGenerator.History(random, claimCount: random.Next(2, 30), correctionCount: random.Next(0, 30));
            var recorded = DateTimeOffset.UnixEpoch;
            var events = history.Select((h, i) =>
            {
                recorded = recorded.AddSeconds(h.GapSeconds);
                return new RecordedEvent("dyad-azeirn", i, i + 1, Guid.NewGuid(), EventTypes.NameOf(h.Event), EventSerializer.Serialize(h.Event), new EventMetadata("tester"), recorded, new byte[32]);
            }).ToList();

            // When / Then
            AssertSameAsGeneral(decoder, events);
        }
    }

    private static void AssertSameAsGeneral(ReplayDecoder decoder, IReadOnlyList<RecordedEvent> events)
    {
        var oracle = new Dictionary<string, LedgerView>(StringComparer.Ordinal);
        var fast = new Dictionary<string, LedgerView.Builder>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var general = LedgerReader.ToEnvelope(e);
            var shared = decoder.Decode(e);
            Assert.Equal(Json(general), Json(shared));
            if (general is null || shared is null)
            {
                continue;
            }
            oracle[e.Stream] = LedgerView.Apply(oracle.GetValueOrDefault(e.Stream) ?? LedgerView.Create(), general);
            if (!fast.TryGetValue(e.Stream, out var builder))
            {
                fast[e.Stream] = builder = LedgerView.Create().ToBuilder();
            }
            builder.Apply(shared);
        }
        Assert.Equal(oracle.Keys.Order(), fast.Keys.Order());
        foreach (var (stream, view) in oracle)
        {
            Assert.Equal(Json(view), Json(fast[stream].ToImmutable()));
        }
    }

    private static ClaimRecorded Claim(ReplayDecoder decoder, long position, string claimId, string quotes)
    {
        var json = $$"""{"claimId":"{{claimId}}","sourceId":"s1","kind":"meeting","summary":"claim {{claimId}}","modality":"reported",{{Parts}},"quotes":{{quotes}},"confidence":{"reliability":"B","credibility":2},"effects":[]}""";
        var recorded = new RecordedEvent("dyad-azeirn", position - 1, position, Guid.NewGuid(), "claim-recorded/v1", Encoding.UTF8.GetBytes(json), new EventMetadata("tester"), DateTimeOffset.UnixEpoch, new byte[32]);
        var claim = Assert.IsType<ClaimRecorded>(decoder.Decode(recorded)!.Event);
        Assert.Equal(Json(LedgerReader.ToEnvelope(recorded)), Json(decoder.Decode(recorded)));
        return claim;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, LedgerJson.Options);
}
