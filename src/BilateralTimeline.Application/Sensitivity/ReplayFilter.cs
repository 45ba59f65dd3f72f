using System.Text.Json.Serialization;

namespace BilateralTimeline.Application.Sensitivity;

/// <summary>
/// A sensitivity replay: the ledger folded as if it had never held the claims of some sources, the
/// claims citing some origins, or the claims graded below a minimum. The grades arrive as the user
/// typed them (CLI option or query parameter) so that <see cref="ReplayFilterRules{T}"/> in the
/// request pipeline, not the transport, says what is wrong with them.
/// </summary>
/// <param name="WithoutSources">Source ids whose registration and claims are left out.</param>
/// <param name="WithoutOrigins">Outlets, agencies, speakers or organisations (see <see cref="ClaimOrigins"/>) whose claims are left out.</param>
/// <param name="MinReliability">Admiralty reliability A … F; claims graded below it are left out (F, cannot be judged, ranks below E).</param>
/// <param name="MinCredibility">Admiralty credibility 1 … 6; claims graded below it are left out (6, cannot be judged, ranks below 5).</param>
/// <remarks>The JSON names are the query parameters', so an error about any of their strings names the parameter.</remarks>
public sealed record ReplayFilter(
    [property: JsonPropertyName("withoutSource")] IReadOnlyList<string>? WithoutSources = null,
    [property: JsonPropertyName("withoutOrigin")] IReadOnlyList<string>? WithoutOrigins = null,
    string? MinReliability = null,
    string? MinCredibility = null)
{
    public static readonly ReplayFilter None = new();

    [JsonIgnore]
    public bool IsEmpty =>
        (WithoutSources is null || WithoutSources.Count == 0)
        && (WithoutOrigins is null || WithoutOrigins.Count == 0)
        && string.IsNullOrEmpty(MinReliability)
        && string.IsNullOrEmpty(MinCredibility);

    /// <summary>Null when nothing is filtered, so requests without a filter stay on the cached views.</summary>
    public static ReplayFilter? OrNull(ReplayFilter? filter) => filter is null || filter.IsEmpty ? null : filter;

    /// <summary>One line for people: what this replay leaves out.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        parts.AddRange((WithoutSources ?? []).Select(s => $"source {s}"));
        parts.AddRange((WithoutOrigins ?? []).Select(o => $"origin {o}"));
        if (!string.IsNullOrEmpty(MinReliability))
        {
            parts.Add($"claims less reliable than {MinReliability.Trim().ToUpperInvariant()}");
        }
        if (!string.IsNullOrEmpty(MinCredibility))
        {
            parts.Add($"claims less credible than {MinCredibility.Trim()}");
        }
        return "without " + string.Join(", ", parts);
    }
}
