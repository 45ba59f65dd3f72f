namespace BilateralTimeline.Application.Input;

// The import file as typed by an analyst (docs/import.schema.json). Everything is nullable and
// textual on purpose: the validator, not the JSON parser, explains what is missing or malformed,
// with the field's path.

public sealed record ImportDocument(
    [property: System.Text.Json.Serialization.JsonPropertyName("$schema")] string? Schema,
    int? FormatVersion,
    string? Dyad,
    string? RecordedBy,
    IReadOnlyList<SourceDto>? Sources,
    IReadOnlyList<OccurrenceDto>? Occurrences,
    IReadOnlyList<ClaimDto>? Claims,
    IReadOnlyList<RelationDto>? Relations,
    IReadOnlyList<CorrectionDto>? Corrections);

public sealed record SourceDto(
    string? Id, string? Outlet, string? Language, string? Title, string? Url,
    string? Text, string? TextFile, string? Sha256, TimeDto? Published, string? Retrieved);

public sealed record OccurrenceDto(string? Id, string? Title);

public sealed record ClaimDto(
    string? Id, string? Source, string? Occurrence, string? Kind, string? Summary, string? Modality,
    IReadOnlyList<ActorDto>? Actors, string? Place, TimeDto? Occurred,
    IReadOnlyList<AttributionDto>? Attribution, IReadOnlyList<QuoteDto>? Quotes,
    ConfidenceDto? Confidence, IReadOnlyList<EffectDto>? Effects, string? Note,
    bool? Proposed = null, string? Cue = null, string? Cameo = null);

public sealed record ActorDto(string? Name, string? Role, string? Country, string? Title, string? Level);

public sealed record AttributionDto(string? Name, string? Kind);

/// <summary>
/// A quote at its offsets, or by its words alone (no start and end; <see cref="Nth"/>, 1-based, picks
/// one of several occurrences), which the import locates in the source's exact characters.
/// </summary>
public sealed record QuoteDto(int? Start, int? End, string? Text, int? Nth = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool ByWords => Start is null && End is null;
}

public sealed record ConfidenceDto(string? Reliability, int? Credibility, string? Likelihood);

public sealed record EffectDto(string? Subject, string? Status, bool? Crisis);

public sealed record TimeDto(string? Phrase, string? Language, IReadOnlyList<CandidateDto>? Candidates, IReadOnlyList<string>? Findings);

public sealed record CandidateDto(string? From, string? To, string? Precision, string? Method, string? Anchor, string? Reason, string? At = null, string? Zone = null);

public sealed record RelationDto(string? Type, string? Claim, string? Other, string? Field, string? Reason, string? Detail = null);

public sealed record CorrectionDto(
    string? Type, string? Claim, ConfidenceDto? Confidence, string? Reason,
    string? By, TimeDto? Occurred, string? Other, string? Field, string? Resolution, string? Occurrence);
