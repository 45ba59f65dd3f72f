using BilateralTimeline.Application.Input;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Import.ImportLedgerFile;

public sealed class ImportLedgerFileValidator : AbstractValidator<ImportLedgerFile>
{
    public ImportLedgerFileValidator()
    {
        RuleFor(x => x.Document.FormatVersion)
            .NotNull().WithMessage("is required: add \"formatVersion\": 1")
            .Equal(1).WithMessage("must be 1, the only version this build reads");
        RuleFor(x => x.Document.Dyad)
            .NotEmpty().WithMessage("is required: the two countries, e.g. \"AZE-IRN\"")
            .Must(BeADyad).WithMessage((_, dyad) => $"'{dyad}' is not two ISO 3166-1 alpha-3 codes joined by '-', e.g. AZE-IRN");
        RuleFor(x => x.Document.Claims)
            .NotNull().WithMessage("is required (use [] for a file of sources only)");
        RuleForEach(x => x.Document.Sources).NotNull().SetValidator(x => new SourceDtoValidator(x.SourceTexts));
        // Parts that pass the cheap checks need no second look (see CleanParts); Where keeps each part's index in the path.
        RuleForEach(x => x.Document.Occurrences).Where(o => !CleanParts.Occurrence(o)).NotNull().SetValidator(new OccurrenceDtoValidator());
        RuleForEach(x => x.Document.Claims).Where(c => !CleanParts.Claim(c)).NotNull().SetValidator(new ClaimDtoValidator());
        RuleForEach(x => x.Document.Relations).Where(r => !CleanParts.Relation(r)).NotNull().SetValidator(new RelationDtoValidator());
        RuleForEach(x => x.Document.Corrections).Where(c => !CleanParts.Correction(c)).NotNull().SetValidator(new CorrectionDtoValidator());
        RuleFor(x => x.Document.Sources).Must(BeUnique<SourceDto>(s => s?.Id)).WithMessage((_, s) => $"ids must be unique within the file; repeated: {Repeated(s, x => x?.Id)}");
        RuleFor(x => x.Document.Claims).Must(BeUnique<ClaimDto>(c => c?.Id)).WithMessage((_, c) => $"ids must be unique within the file; repeated: {Repeated(c, x => x?.Id)}");
        RuleFor(x => x.Document.Occurrences).Must(BeUnique<OccurrenceDto>(o => o?.Id)).WithMessage((_, o) => $"ids must be unique within the file; repeated: {Repeated(o, x => x?.Id)}");
    }

    private static bool BeADyad(string? text)
    {
        try
        {
            DyadId.Parse(text ?? "");
            return true;
        }
        catch (DomainRuleViolated)
        {
            return false;
        }
    }

    private static Func<IReadOnlyList<T>?, bool> BeUnique<T>(Func<T?, string?> id) =>
        items => items is null || Repeated(items, id).Length == 0;

    private static string Repeated<T>(IReadOnlyList<T>? items, Func<T?, string?> id) =>
        items is null ? "" : string.Join(", ", items.Select(id).Where(x => x is not null).GroupBy(x => x).Where(g => g.Count() > 1).Select(g => g.Key));
}
