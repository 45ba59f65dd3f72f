using System.Text.Json.Nodes;
using BilateralTimeline.Application.Input;

namespace BilateralTimeline.Application.Drafting;

/// <summary>
/// How a claim drafted by bt draft became a recorded claim, kept in the metadata of its claim-recorded
/// event ("draft": {"accepted", "how", "cue"}) so the log itself says which judgements an analyst reviewed
/// and which were accepted unreviewed with a whole file. A claim carrying a draft's cue without "proposed"
/// was reviewed (the analyst removed the flag, by hand or on the review page).
/// </summary>
public sealed record DraftAcceptance(string Accepted, string How, string? Cue)
{
    public const string Key = "draft";

    public static DraftAcceptance Unreviewed(string? cue) => new("unreviewed", "the whole file's proposals accepted with bt import --accept-proposed", cue);

    public static DraftAcceptance Reviewed(string? cue) => new("reviewed", "the analyst removed the proposal's \"proposed\" flag", cue);

    /// <summary>The drafted claims of a file by id; only files that passed validation reach here, so "proposed" means --accept-proposed was given.</summary>
    internal static Dictionary<string, DraftAcceptance> ByClaim(IEnumerable<ClaimDto?>? claims) =>
        (claims ?? []).Where(c => c?.Id is not null && (c.Proposed == true || c.Cue is { Length: > 0 }))
            .GroupBy(c => c!.Id!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()!.Proposed == true ? Unreviewed(g.First()!.Cue) : Reviewed(g.First()!.Cue), StringComparer.Ordinal);

    internal static JsonObject Metadata(DraftAcceptance acceptance) => new()
    {
        [Key] = new JsonObject { ["accepted"] = acceptance.Accepted, ["how"] = acceptance.How, ["cue"] = acceptance.Cue },
    };

    /// <summary>The acceptance an event's metadata records, or null for a claim that was never a draft's.</summary>
    public static DraftAcceptance? Read(JsonObject? extra) =>
        extra?[Key] is JsonObject draft && draft["accepted"]?.GetValue<string>() is { } accepted
            ? new DraftAcceptance(accepted, draft["how"]?.GetValue<string>() ?? "", draft["cue"]?.GetValue<string>())
            : null;
}
