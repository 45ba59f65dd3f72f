using System.Text;
using System.Text.Json;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Application.Tests.Replay;

/// <summary>
/// Stored events in shapes this build's writer does not produce (older builds, other programs, hand
/// edits): the replay decoder's fast reader must give up on them and yield exactly what the general
/// serializer yields, an event or the same refusal.
/// </summary>
public sealed class ReplayDecoderTests
{
    public static TheoryData<string, string> OddButReadable => new()
    {
        { "claim-recorded/v1", """{"claimId":"c1","sourceId":"s1","kind":"meeting","summary":"s","modality":"reported","actors":[],"occurred":{"candidates":[],"findings":[]},"attribution":[],"quotes":[],"confidence":{"reliability":"b","credibility":2},"effects":[]}""" },
        { "claim-recorded/v1", """{"claimId":"c1","sourceId":"s1","kind":"meeting","summary":"s","modality":"Reported","actors":[],"occurred":{"candidates":[],"findings":[]},"attribution":[],"quotes":[],"confidence":{"reliability":"B","credibility":2},"effects":[]}""" },
        { "claim-recorded/v1", """{"claimId":"c1","extra":{"nested":[1,2]},"sourceId":"s1","kind":"meeting","summary":"s","modality":"reported","actors":[],"occurred":{"candidates":[],"findings":[]},"attribution":[],"quotes":[],"confidence":{"reliability":"B","credibility":2},"effects":[]}""" },
        { "claim-recorded/v1", """{"claimId":"c\u0031","sourceId":"s1","kind":"meeting","summary":"caf\u00e9 \"q\"","modality":"reported","actors":[{"name":"A","role":"speaker","level":"minister"}],"occurred":{"candidates":[{"from":"2020-02-03","to":"2020-02-29","precision":"month","method":"explicit","at":"2020-02-03T10:00:00+04:00"}],"findings":["f"]},"attribution":[],"quotes":[],"confidence":{"reliability":"B","credibility":2,"likelihood":"likely"},"effects":[{"subject":"x","status":"open","crisis":true}]}""" },
        { "claim-recorded/v1", """{"claimId":"c1","sourceId":"s1"}""" },
        { "claim-linked/v1", """{"occurrenceId":"o1","claimId":"c1","reason":null}""" },
        { "confidence-revised/v1", """{"claimId":"c1","previous":{"reliability":"A","credibility":1},"revised":{"reliability":"F","credibility":6},"reason":"r"}""" },
        { "source-registered/v1", """{"sourceId":"s1","outlet":"o","language":"ar","title":"t","published":{"candidates":[],"findings":[]},"retrieved":"2024-01-02T03:04:05Z","text":"\u0646\u0635","sha256":"x"}""" },
        { "claim-redated/v1", """{"claimId":"c1","previous":{"candidates":[],"findings":[]},"occurred":{"candidates":[],"findings":[]},"reason":"r"}""" },
        { "claim-annotated/v9", """{"claimId":"c1"}""" },
        { "actor-identified/v1", """{"name":"\u062d\u0633\u064a\u0646","actorId":"a1"}""" },
        { "actor-identified/v1", """{"actorId":"a1"}""" },
        { "actor-alias-added/v1", """{"actorId":"a1","alias":"Amir-Abdollahian","reason":null}""" },
        { "actors-merged/v1", """{"intoActorId":"a2","actorId":"a1","reason":"r","extra":1}""" },
        { "actors-unmerged/v1", """{"actorId":"a1","fromActorId":"a2","reason":"r"}""" },
    };

    public static TheoryData<string, string> Unreadable => new()
    {
        { "claim-recorded/v1", "null" },
        { "claim-recorded/v1", """{"claimId":"c1","confidence":{"reliability":"G","credibility":2}}""" },
        { "claim-linked/v1", """{"claimId":1,"occurrenceId":"o1","reason":"r"}""" },
        { "confidence-revised/v1", """{"claimId":"c1","previous":{"reliability":"A","credibility":null}}""" },
        { "claim-recorded/v1", """{"claimId":"c1","occurred":{"candidates":[{"from":"2020-02-30","to":"2020-03-01"}]}}""" },
        { "claim-linked/v1", """{"claimId":"c1"} trailing""" },
        { "actors-merged/v1", """{"actorId":["a1"],"intoActorId":"a2","reason":"r"}""" },
        { "actor-identified/v1", "null" },
    };

    [Theory]
    [MemberData(nameof(OddButReadable))]
    public void An_event_of_another_shape_decodes_as_the_general_serializer_decodes_it(string type, string json)
    {
        var recorded = Recorded(type, json);
        var general = LedgerReader.ToEnvelope(recorded);

        var fast = new ReplayDecoder().Decode(recorded);

        Assert.Equal(JsonSerializer.Serialize(general, LedgerJson.Options), JsonSerializer.Serialize(fast, LedgerJson.Options));
    }

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void An_event_the_general_serializer_refuses_is_refused_with_the_same_position(string type, string json)
    {
        var recorded = Recorded(type, json);
        var general = Assert.Throws<CorruptEventException>(() => LedgerReader.ToEnvelope(recorded));

        var fast = Assert.Throws<CorruptEventException>(() => new ReplayDecoder().Decode(recorded));

        Assert.Equal(general.Message, fast.Message);
    }

    [Fact]
    public void A_claims_own_cameo_code_and_a_contradictions_detail_decode_on_the_fast_path_as_on_the_general_one()
    {
        var claim = Recorded("claim-recorded/v1", """{"claimId":"c1","sourceId":"s1","kind":"assault","summary":"s","modality":"asserted","actors":[],"occurred":{"candidates":[],"findings":[]},"attribution":[],"quotes":[],"confidence":{"reliability":"B","credibility":2},"effects":[],"cameo":"1823"}""");
        var contradiction = Recorded("claims-contradicted/v1", """{"claimId":"c1","otherClaimId":"c2","field":"date","reason":"r","detail":"the year"}""");

        var fast = new ReplayDecoder();

        Assert.Equal("1823", Assert.IsType<Domain.Claims.ClaimRecorded>(fast.Decode(claim)!.Event).Cameo);
        Assert.Equal("the year", Assert.IsType<Domain.Corrections.ClaimsContradicted>(fast.Decode(contradiction)!.Event).Detail);
        Assert.Equal(JsonSerializer.Serialize(LedgerReader.ToEnvelope(claim), LedgerJson.Options), JsonSerializer.Serialize(new ReplayDecoder().Decode(claim), LedgerJson.Options));
    }

    private static RecordedEvent Recorded(string type, string json) =>
        new("dyad-azeirn", 0, 42, Guid.NewGuid(), type, Encoding.UTF8.GetBytes(json), new EventMetadata("tester"), DateTimeOffset.UnixEpoch, new byte[32]);
}
