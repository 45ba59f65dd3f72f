using BilateralTimeline.Application.Features.Corrections.LinkClaim;
using BilateralTimeline.Application.Features.Corrections.MarkContradiction;
using BilateralTimeline.Application.Features.Corrections.MarkCorroboration;
using BilateralTimeline.Application.Features.Corrections.RedateClaim;
using BilateralTimeline.Application.Features.Corrections.ResolveContradiction;
using BilateralTimeline.Application.Features.Corrections.RetractClaim;
using BilateralTimeline.Application.Features.Corrections.ReviseConfidence;
using BilateralTimeline.Application.Features.Corrections.SupersedeClaim;
using BilateralTimeline.Application.Features.Corrections.UnlinkClaim;
using BilateralTimeline.Api.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Corrections;

/// <summary>Corrections never edit: each verb records a new event, with the key's holder as author and the body's reason.</summary>
internal static class CorrectionsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var corrections = api.MapGroup("/corrections");

        corrections.MapWrite<RetractBody>("/retract", "Retract a claim", (b, by, rev) => new RetractClaim(b.Dyad, b.ClaimId ?? "", b.Reason ?? "", by, rev));
        corrections.MapWrite<SupersedeBody>("/supersede", "Replace a claim by a newer one", (b, by, rev) => new SupersedeClaim(b.Dyad, b.ClaimId ?? "", b.SupersededBy ?? "", b.Reason ?? "", by, rev));
        corrections.MapWrite<ReviseBody>("/revise", "Revise a claim's confidence", (b, by, rev) => new ReviseConfidence(b.Dyad, b.ClaimId ?? "", b.Reliability ?? "", b.Credibility ?? 0, b.Likelihood, b.Reason ?? "", by, rev));
        corrections.MapWrite<CorroborateBody>("/corroborate", "Mark two claims as independently supporting each other", (b, by, rev) => new MarkCorroboration(b.Dyad, b.ClaimId ?? "", b.OtherClaimId ?? "", b.Reason ?? "", by, rev));
        corrections.MapWrite<DisputeBody>("/dispute", "Mark two claims as contradicting each other on a field", (b, by, rev) => new MarkContradiction(b.Dyad, b.ClaimId ?? "", b.OtherClaimId ?? "", b.Field ?? "", b.Reason ?? "", by, rev, b.Detail));
        corrections.MapWrite<ResolveBody>("/resolve", "Settle a contradiction", (b, by, rev) => new ResolveContradiction(b.Dyad, b.ClaimId ?? "", b.OtherClaimId ?? "", b.Field ?? "", b.Resolution ?? "", b.Reason ?? "", by, rev));
        corrections.MapWrite<LinkBody>("/link", "Take a claim to describe an occurrence", (b, by, rev) => new LinkClaim(b.Dyad, b.ClaimId ?? "", b.OccurrenceId ?? "", b.Reason ?? "", by, rev));
        corrections.MapWrite<UnlinkBody>("/unlink", "Undo a link", (b, by, rev) => new UnlinkClaim(b.Dyad, b.ClaimId ?? "", b.Reason ?? "", by, rev));
        corrections.MapWrite<RedateBody>("/redate", "Re-read when a claim's happening occurred", (b, by, rev) => new RedateClaim(b.Dyad, b.ClaimId ?? "", NullIfEmpty(b.From), NullIfEmpty(b.To), b.Precision, b.Phrase, b.Reason ?? "", by, rev));
    }

    /// <summary>An empty date counts as absent, as in the query parameters.</summary>
    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
