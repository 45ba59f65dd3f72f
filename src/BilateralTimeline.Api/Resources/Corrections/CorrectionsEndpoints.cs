using BilateralTimeline.Application.Features.Corrections;
using BilateralTimeline.Application.Features.Corrections.LinkClaim;
using BilateralTimeline.Application.Features.Corrections.MarkContradiction;
using BilateralTimeline.Application.Features.Corrections.MarkCorroboration;
using BilateralTimeline.Application.Features.Corrections.RedateClaim;
using BilateralTimeline.Application.Features.Corrections.ResolveContradiction;
using BilateralTimeline.Application.Features.Corrections.RetractClaim;
using BilateralTimeline.Application.Features.Corrections.ReviseConfidence;
using BilateralTimeline.Application.Features.Corrections.SupersedeClaim;
using BilateralTimeline.Application.Features.Corrections.UnlinkClaim;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Corrections;

/// <summary>Corrections never edit: each verb records a new event, with the key's holder as author and the body's reason.</summary>
internal static class CorrectionsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var corrections = api.MapGroup("/corrections")
            .RequireAuthorization(AccessPolicies.Write)
            .RequireRateLimiting(ApiHost.WritePolicy)
            .WithTags("Writes");

        Verb<RetractBody>(corrections, "retract", "Retract a claim", (b, by, rev) => new RetractClaim(b.Dyad, b.ClaimId ?? "", b.Reason ?? "", by, rev));
        Verb<SupersedeBody>(corrections, "supersede", "Replace a claim by a newer one", (b, by, rev) => new SupersedeClaim(b.Dyad, b.ClaimId ?? "", b.SupersededBy ?? "", b.Reason ?? "", by, rev));
        Verb<ReviseBody>(corrections, "revise", "Revise a claim's confidence", (b, by, rev) => new ReviseConfidence(b.Dyad, b.ClaimId ?? "", b.Reliability ?? "", b.Credibility ?? 0, b.Likelihood, b.Reason ?? "", by, rev));
        Verb<CorroborateBody>(corrections, "corroborate", "Mark two claims as independently supporting each other", (b, by, rev) => new MarkCorroboration(b.Dyad, b.ClaimId ?? "", b.OtherClaimId ?? "", b.Reason ?? "", by, rev));
        Verb<DisputeBody>(corrections, "dispute", "Mark two claims as contradicting each other on a field", (b, by, rev) => new MarkContradiction(b.Dyad, b.ClaimId ?? "", b.OtherClaimId ?? "", b.Field ?? "", b.Reason ?? "", by, rev, b.Detail));
        Verb<ResolveBody>(corrections, "resolve", "Settle a contradiction", (b, by, rev) => new ResolveContradiction(b.Dyad, b.ClaimId ?? "", b.OtherClaimId ?? "", b.Field ?? "", b.Resolution ?? "", b.Reason ?? "", by, rev));
        Verb<LinkBody>(corrections, "link", "Take a claim to describe an occurrence", (b, by, rev) => new LinkClaim(b.Dyad, b.ClaimId ?? "", b.OccurrenceId ?? "", b.Reason ?? "", by, rev));
        Verb<UnlinkBody>(corrections, "unlink", "Undo a link", (b, by, rev) => new UnlinkClaim(b.Dyad, b.ClaimId ?? "", b.Reason ?? "", by, rev));
        Verb<RedateBody>(corrections, "redate", "Re-read when a claim's happening occurred", (b, by, rev) => new RedateClaim(b.Dyad, b.ClaimId ?? "", NullIfEmpty(b.From), NullIfEmpty(b.To), b.Precision, b.Phrase, b.Reason ?? "", by, rev));
    }

    private static void Verb<TBody>(RouteGroupBuilder group, string verb, string summary, Func<TBody, string, long?, ICorrection> toRequest) =>
        group.MapPost("/" + verb, async Task<Results<Created<RecordingResult>, Ok<RecordingResult>>> (TBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                Written.Answer(http, await mediator.Send(toRequest(body, AccessPolicies.RecordedBy(http.User), Revisions.Expected(http)), ct)))
            .WithSummary(summary);

    /// <summary>An empty date counts as absent, as in the query parameters.</summary>
    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
