using BilateralTimeline.Application.Sensitivity;

namespace BilateralTimeline.Api.Http;

/// <summary>
/// The sensitivity replay's query parameters (withoutSource and withoutOrigin repeatable,
/// minReliability, minCredibility) passed on as typed: the request's validator judges them, as it does
/// the CLI's options. An empty grade counts as absent, as an empty asOf does.
/// </summary>
internal static class ReplayQuery
{
    public static ReplayFilter? Filter(string[]? withoutSource, string[]? withoutOrigin, string? minReliability, string? minCredibility) =>
        ReplayFilter.OrNull(new ReplayFilter(
            withoutSource ?? [],
            withoutOrigin ?? [],
            string.IsNullOrEmpty(minReliability) ? null : minReliability,
            string.IsNullOrEmpty(minCredibility) ? null : minCredibility));
}
