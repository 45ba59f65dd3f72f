using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Search.SearchLedger;

/// <summary>
/// Sources (title, text) and claims (summary, quotes) that contain the words of <see cref="Q"/>, best
/// first, as the log stands now. Words match by their analysed form (Arabic normalised and
/// light-stemmed, English stemmed), so المناورات finds مناورة. Retracted and superseded claims are
/// found and flagged, never hidden: an auditor searching for a claim must find it whatever its fate.
/// </summary>
public sealed record SearchLedger(string Q, string? Dyad = null, int Limit = SearchLedger.DefaultLimit) : IRequest<SearchResults>
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 200;
    public const int MaxLength = 1000;
}

// Terms: The analysed terms of the query, as matched.
// Position: The log position the index reflected when the question was answered.
// Total: How many documents matched (at least one term), before the limit.
public sealed record SearchResults(string Q, string? Dyad, IReadOnlyList<string> Terms, long Position, int Total, IReadOnlyList<SearchHit> Hits);

// Kind: "source" or "claim".
// Label: A source's title, or a claim's summary.
// TermsMatched: How many of the query's terms the document contains: hits with more come first.
// Snippet: Some words around the first match, for a one-line listing.
public sealed record SearchHit(
    string Kind,
    string Id,
    string Dyad,
    string? SourceId,
    string Label,
    int TermsMatched,
    double Score,
    bool Retracted,
    string? SupersededBy,
    string Snippet,
    IReadOnlyList<SearchMatch> Matches);

/// <summary>
/// One matched word. Start and End are UTF-16 offsets into the field's text (a source's title or text,
/// a claim's summary or its quote number <see cref="Quote"/>), so field[Start..End] is <see cref="Text"/>,
/// the word as written. For a quote, SourceStart and SourceEnd place the same word in the source's text.
/// </summary>
public sealed record SearchMatch(string Field, int? Quote, int Start, int End, string Text, string Term, int? SourceStart, int? SourceEnd);

public sealed class SearchLedgerValidator : AbstractValidator<SearchLedger>
{
    public SearchLedgerValidator()
    {
        RuleFor(x => x.Q)
            .NotEmpty().WithMessage("is required: the words to search for, e.g. \"المناورات\"")
            .MaximumLength(SearchLedger.MaxLength).WithMessage($"is longer than {SearchLedger.MaxLength} characters: search for a few words, not a whole article");
        RuleFor(x => x.Dyad)
            .Must(BeADyad!).When(x => !string.IsNullOrWhiteSpace(x.Dyad))
            .WithMessage((_, dyad) => $"'{dyad}' is not a dyad: two ISO 3166 alpha-3 codes such as IRN-AZE");
        RuleFor(x => x.Limit)
            .InclusiveBetween(1, SearchLedger.MaxLimit).WithMessage($"must be between 1 and {SearchLedger.MaxLimit}");
    }

    private static bool BeADyad(string dyad)
    {
        try
        {
            DyadId.Parse(dyad);
            return true;
        }
        catch (DomainRuleViolated)
        {
            return false;
        }
    }
}
