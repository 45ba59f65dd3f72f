using BilateralTimeline.Application.Drafting;
using BilateralTimeline.Application.Features.Drafts.DraftArticle;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Drafts;

/// <summary>The body of POST /api/drafts: the article's text and what the analyst knows of it (as bt draft's options).</summary>
public sealed record DraftBody(string? Text, string? Outlet, string? Published, string? Language, string? Dyad);

internal static class DraftsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        // A draft writes nothing, but it is an analyst's working tool and reads the ledger's names: analyst key.
        api.MapPost("/drafts", async Task<ContentHttpResult> (DraftBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Text(
                    DraftJson.Serialize(await mediator.Send(new DraftArticle(body.Text, body.Outlet, body.Published, body.Language, body.Dyad, LearnFromLedger: body.Dyad is not null), ct)),
                    "application/json; charset=utf-8"))
            .RequireAuthorization(AccessPolicies.Write)
            .RequireRateLimiting(ApiHost.WritePolicy)
            .WithTags("Drafts")
            .WithSummary("Draft an import file from an article: every claim \"proposed\": true with its cue (bt draft); nothing is recorded");
    }
}
