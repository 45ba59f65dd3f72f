using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Scoring;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Input;

/// <summary>
/// The cheap rules first: a part of an import file that passes every rule of its validator (claims
/// with <see cref="ClaimDtoValidator"/>, occurrences, relations, corrections) is recognised here by
/// plain checks, and only the others go through FluentValidation, which then reports each problem
/// with its path and message as before. Running FluentValidation's nested rules on every part cost a
/// 100,000-event import a third of its time (a property chain and a child context per rule and part).
/// </summary>
/// <remarks>
/// Only one direction matters: true must mean the validator finds nothing. Anything unusual (a quote
/// given by its words, a clock time, a time zone) answers false and is left to the validator. The
/// tests hold each validator's rule list, so a rule added there fails until it is mirrored here.
/// </remarks>
internal static class CleanParts
{
    public static bool Occurrence(OccurrenceDto? o) => o is not null && Id(o.Id) && Given(o.Title);

    public static bool Claim(ClaimDto? c) =>
        c is not null
        && Id(c.Id) && Id(c.Source) && OptionalId(c.Occurrence)
        && Given(c.Kind) && ClaimKinds.IsKnown(c.Kind!) && ClaimKinds.CodeProblem(c.Kind!, c.Cameo) is null
        && Given(c.Summary)
        && Given(c.Modality) && Kebab.TryParse<Modality>(c.Modality, out _)
        && c.Quotes is { Count: > 0 } quotes && All(quotes, Quote)
        && Confidence(c.Confidence)
        && (c.Actors is null || All(c.Actors, Actor))
        && (c.Attribution is null || All(c.Attribution, a => a is not null && Given(a.Name) && Kebab.TryParse<AttributionKind>(a.Kind, out _)))
        && (c.Effects is null || All(c.Effects, e => e is not null && Given(e.Subject) && Given(e.Status)))
        && (c.Occurred is null || Time(c.Occurred));

    public static bool Relation(RelationDto? r) =>
        r is not null
        && r.Type is "corroborates" or "contradicts"
        && Id(r.Claim) && Id(r.Other) && Given(r.Reason)
        && (r.Type != "contradicts" || ContradictionFields.IsField(r.Field));

    public static bool Correction(CorrectionDto? c) =>
        c is not null
        && c.Type is not null && CorrectionDtoValidator.Types.Contains(c.Type)
        && Id(c.Claim) && OptionalId(c.By) && OptionalId(c.Other) && OptionalId(c.Occurrence)
        && Given(c.Reason)
        && (c.Confidence is null ? c.Type != "revise-confidence" : Confidence(c.Confidence))
        && (c.Type != "supersede" || Given(c.By))
        && (c.Occurred is null ? c.Type != "redate" : Time(c.Occurred))
        && (c.Type != "link" || Given(c.Occurrence))
        && (c.Type != "resolve-contradiction" || (Given(c.Other) && Given(c.Field) && Given(c.Resolution)));

    // Offsets given (the usual case) and consistent; a quote by its words goes to the validator.
    private static bool Quote(QuoteDto? q) =>
        q is { Start: { } start, End: { } end, Nth: null, Text: { } text }
        && Given(text) && start >= 0 && end > start && end - start == text.Length;

    private static bool Confidence(ConfidenceDto? c) =>
        c is not null
        && Given(c.Reliability) && ConfidenceDtoValidator.TryReliability(c.Reliability!, out _)
        && c.Credibility is >= 1 and <= 6
        && (c.Likelihood is null || Kebab.TryParse<Likelihood>(c.Likelihood, out _));

    private static bool Actor(ActorDto? a) =>
        a is not null && Given(a.Name) && Given(a.Role)
        && (a.Country is null || (a.Country.Length == 3 && a.Country.All(char.IsAsciiLetterUpper)))
        && (a.Level is null || Kebab.TryParse<ActorLevel>(a.Level, out _));

    private static bool Time(TimeDto t) => t.Candidates is null || All(t.Candidates, Candidate);

    // A clock time or a time zone goes to the validator.
    private static bool Candidate(CandidateDto? c) =>
        c is { At: null, Zone: null }
        && Given(c.From) && Given(c.To) && TimeDtoValidator.BeADate(c.From) && TimeDtoValidator.BeADate(c.To)
        && TimeDtoValidator.ParseDate(c.To!) >= TimeDtoValidator.ParseDate(c.From!)
        && Kebab.TryParse<DatePrecision>(c.Precision, out _) && Kebab.TryParse<ResolutionMethod>(c.Method, out _);

    /// <summary>FluentValidation's NotEmpty on a string: not null, not empty, not only white space.</summary>
    private static bool Given(string? text) => !string.IsNullOrWhiteSpace(text);

    private static bool Id(string? id) => Given(id) && IdRule.IsValid(id);

    private static bool OptionalId(string? id) => string.IsNullOrEmpty(id) || IdRule.IsValid(id);

    private static bool All<T>(IReadOnlyList<T> items, Func<T, bool> clean)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (!clean(items[i]))
            {
                return false;
            }
        }
        return true;
    }
}
