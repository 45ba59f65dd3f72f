using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Projections;

public sealed class CameoCodeTests
{
    private static JsonObject BaselineWithMeetingCode(string? cameo, string kind = "meeting")
    {
        var file = Samples.Parse(Samples.Baseline);
        var meeting = file["claims"]![1]!.AsObject();
        meeting["kind"] = kind;
        meeting["cameo"] = cameo;
        return file;
    }

    [Fact]
    public async Task A_meeting_claim_naming_host_a_visit_scores_with_the_weight_of_043()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("hosted.claims.json", BaselineWithMeetingCode("043"));

        var state = await ledger.Mediator.Send(new GetRelationshipState("AZE-IRN", new DateOnly(2023, 1, 20), null));

        var moscow = Assert.Single(state.MovedBy);
        Assert.Equal(("meeting", "043", 2.8), (moscow.Kind, moscow.Cameo, moscow.Goldstein));
        Assert.Equal(2.8, state.Score);
    }

    [Fact]
    public async Task A_code_outside_the_kinds_root_is_refused_before_anything_is_written()
    {
        await using var ledger = TestLedger.Create();

        var rejected = await ledger.RejectsAsync("killed.claims.json", BaselineWithMeetingCode("1823"));

        Assert.Contains("does not lie under the root 04", rejected.For("claims[1].cameo").Message, StringComparison.Ordinal);
        Assert.Empty(await ledger.LogAsync());
    }
}
