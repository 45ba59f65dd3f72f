using System.Globalization;
using BilateralTimeline.Application.Features.Search.SearchLedger;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Search;

internal static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/search", async Task<Ok<SearchResults>> (IMediator mediator, string? q, string? dyad, string? limit, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new SearchLedger(q ?? "", dyad, Limit(limit)), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("Sources and claims by their words (Arabic-aware), best first, each matched word with its UTF-16 offsets: bt search TEXT --format json");
    }

    // Parsed here rather than bound as int? so that "limit=ten" is named in a problem like any other field.
    private static int Limit(string? text) =>
        string.IsNullOrEmpty(text) ? SearchLedger.DefaultLimit
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new InputRejectedException("limit", $"'{text}' is not a whole number: give 1 to {SearchLedger.MaxLimit}");
}
