using System.Globalization;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Scoring;
using BilateralTimeline.Domain.Time;
using FluentValidation;

namespace BilateralTimeline.Application.Input;

internal sealed class SourceDtoValidator : AbstractValidator<SourceDto>
{
    private static readonly System.Text.RegularExpressions.Regex TimestampWithOffset =
        new(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public SourceDtoValidator(IReadOnlyDictionary<string, string> loadedTexts)
    {
        RuleFor(s => s.Id).NotEmpty().WithMessage("is required: a short stable id such as \"src-000\"").MustBeAnId();
        RuleFor(s => s.Outlet).NotEmpty().WithMessage("is required: who published it (\"unknown\" if the article does not say)");
        RuleFor(s => s.Language).NotEmpty().WithMessage("is required: a BCP 47 tag such as \"ar\"");
        RuleFor(s => s.Title).NotEmpty().WithMessage("is required");
        RuleFor(s => s).Must(s => (s.Text is null) != (s.TextFile is null))
            .WithName("text").WithMessage("give exactly one of \"text\" (inline) or \"textFile\" (path relative to this file)");
        RuleFor(s => s.Sha256)
            .Must((s, sha) => sha is null || s.Id is null || TextOf(s, loadedTexts) is not { } text || Domain.Sources.SourceText.Sha256Hex(text) == sha.ToLowerInvariant())
            .WithMessage((s, sha) => $"the text's SHA-256 is {(TextOf(s, loadedTexts) is { } t ? Domain.Sources.SourceText.Sha256Hex(t) : "?")}, not {sha}: the source text changed since the claims were written");
        RuleFor(s => s.Published!).SetValidator(new TimeDtoValidator()).When(s => s.Published is not null);
        // Without an offset the text would be read in this machine's time zone, so the stored event
        // (and its deterministic id) would differ between machines; RFC 3339 date-time requires one.
        RuleFor(s => s.Retrieved)
            .Must(r => r is null || (TimestampWithOffset.IsMatch(r) && DateTimeOffset.TryParse(r, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
            .WithMessage((_, r) => $"'{r}' is not a timestamp with a time zone; use ISO 8601 with Z or an offset, such as 2026-11-22T10:00:00Z");
    }

    private static string? TextOf(SourceDto s, IReadOnlyDictionary<string, string> loaded) =>
        s.Text ?? (s.Id is not null && loaded.TryGetValue(s.Id, out var t) ? t : null);
}

internal sealed class OccurrenceDtoValidator : AbstractValidator<OccurrenceDto>
{
    public OccurrenceDtoValidator()
    {
        RuleFor(o => o.Id).NotEmpty().WithMessage("is required").MustBeAnId();
        RuleFor(o => o.Title).NotEmpty().WithMessage("is required: what happened, in a few words");
    }
}

internal sealed class ClaimDtoValidator : AbstractValidator<ClaimDto>
{
    public ClaimDtoValidator()
    {
        RuleFor(c => c.Id).NotEmpty().WithMessage("is required: a stable id such as \"c000-01\"").MustBeAnId();
        RuleFor(c => c.Source).NotEmpty().WithMessage("is required: the id of the source the claim comes from").MustBeAnId();
        RuleFor(c => c.Occurrence).MustBeAnId();
        RuleFor(c => c.Kind).NotEmpty().WithMessage("is required")
            .Must(k => k is null || ClaimKinds.IsKnown(k))
            .WithMessage((_, k) => $"'{k}' is not a claim kind; use one of: {string.Join(", ", ClaimKinds.Catalogue.Select(x => x.Kind))}");
        RuleFor(c => c.Cameo)
            .Must((c, cameo) => c.Kind is null || ClaimKinds.CodeProblem(c.Kind, cameo) is null)
            .WithMessage((c, cameo) => ClaimKinds.CodeProblem(c.Kind!, cameo) ?? "");
        RuleFor(c => c.Summary).NotEmpty().WithMessage("is required: one sentence saying what the source claims");
        RuleFor(c => c.Modality).NotEmpty().WithMessage($"is required: one of {Kebab.Options<Modality>()}")
            .Must(m => m is null || Kebab.TryParse<Modality>(m, out _)).WithMessage((_, m) => $"'{m}' is not a modality; use one of {Kebab.Options<Modality>()}");
        RuleFor(c => c.Quotes).NotEmpty().WithMessage("at least one quote from the source is required: its text, with start and end offsets or (by its words) without");
        RuleForEach(c => c.Quotes).NotNull().SetValidator(new QuoteDtoValidator());
        RuleFor(c => c.Confidence).NotNull().WithMessage("is required: {\"reliability\": \"A\"..\"F\", \"credibility\": 1..6}");
        RuleFor(c => c.Confidence!).SetValidator(new ConfidenceDtoValidator()).When(c => c.Confidence is not null);
        RuleForEach(c => c.Actors).NotNull().SetValidator(new ActorDtoValidator());
        RuleForEach(c => c.Attribution).NotNull().ChildRules(a =>
        {
            a.RuleFor(x => x.Name).NotEmpty().WithMessage("is required");
            a.RuleFor(x => x.Kind).Must(k => Kebab.TryParse<AttributionKind>(k, out _))
                .WithMessage((_, k) => $"'{k}' is not an attribution kind; use one of {Kebab.Options<AttributionKind>()}");
        });
        RuleForEach(c => c.Effects).NotNull().ChildRules(e =>
        {
            e.RuleFor(x => x.Subject).NotEmpty().WithMessage("is required, e.g. \"embassy:AZE@Tehran\"");
            e.RuleFor(x => x.Status).NotEmpty().WithMessage("is required, e.g. \"closed\"");
        });
        RuleFor(c => c.Occurred!).SetValidator(new TimeDtoValidator()).When(c => c.Occurred is not null);
    }
}

internal sealed class QuoteDtoValidator : AbstractValidator<QuoteDto>
{
    public QuoteDtoValidator()
    {
        RuleFor(q => q.Text).NotEmpty().WithMessage("is required: the exact words, as they appear in the source");
        // Without start and end the quote is given by its words, and the import locates it (QuoteWords).
        RuleFor(q => q.Nth).GreaterThanOrEqualTo(1).When(q => q.ByWords)
            .WithMessage((_, n) => $"is {n}; it counts the quote's occurrences in the source from 1");
        RuleFor(q => q.Nth).Null().When(q => !q.ByWords)
            .WithMessage("applies only to a quote given by its words (without start and end)");
        RuleFor(q => q.Start).NotNull().When(q => q.End is not null).WithMessage("is required with end: offset of the first UTF-16 code unit (or give neither, and the words are located in the source)")
            .GreaterThanOrEqualTo(0).WithMessage("must be 0 or more");
        RuleFor(q => q.End).NotNull().When(q => q.Start is not null).WithMessage("is required with start: offset just after the last UTF-16 code unit (or give neither, and the words are located in the source)")
            .GreaterThan(q => q.Start ?? -1).WithMessage("must be greater than start");
        RuleFor(q => q).Must(q => q.Text is null || q.Start is null || q.End is null || q.End - q.Start == q.Text.Length)
            .WithName("end").WithMessage((q, _) => $"end - start is {q.End - q.Start} but the quote has {q.Text?.Length} UTF-16 code units");
    }
}

internal sealed class ConfidenceDtoValidator : AbstractValidator<ConfidenceDto>
{
    public ConfidenceDtoValidator()
    {
        RuleFor(c => c.Reliability).NotEmpty().WithMessage("is required: A (completely reliable) to F (cannot be judged)")
            .Must(r => r is null || TryReliability(r, out _)).WithMessage((_, r) => $"'{r}' is outside A–F (Admiralty source reliability); use a letter A, B, C, D, E or F");
        RuleFor(c => c.Credibility).NotNull().WithMessage("is required: 1 (confirmed) to 6 (cannot be judged)")
            .InclusiveBetween(1, 6).WithMessage((_, c) => $"{c} is outside 1–6 (Admiralty information credibility); use 1 = confirmed … 6 = cannot be judged");
        RuleFor(c => c.Likelihood).Must(l => l is null || Kebab.TryParse<Likelihood>(l, out _))
            .WithMessage((_, l) => $"'{l}' is not an ICD 203 likelihood; use one of {Kebab.Options<Likelihood>()}");
    }

    public static bool TryReliability(string text, out Reliability reliability)
    {
        reliability = default;
        return text.Length == 1 && text[0] is >= 'A' and <= 'F' && Enum.TryParse(text, out reliability);
    }
}

internal sealed class ActorDtoValidator : AbstractValidator<ActorDto>
{
    public ActorDtoValidator()
    {
        RuleFor(a => a.Name).NotEmpty().WithMessage("is required");
        RuleFor(a => a.Role).NotEmpty().WithMessage("is required: the actor's part in the claim, e.g. visitor, host, speaker");
        RuleFor(a => a.Country).Must(c => c is null || (c.Length == 3 && c.All(char.IsAsciiLetterUpper)))
            .WithMessage((_, c) => $"'{c}' is not an ISO 3166-1 alpha-3 code in capitals, e.g. IRN");
        RuleFor(a => a.Level).Must(l => l is null || Kebab.TryParse<ActorLevel>(l, out _))
            .WithMessage((_, l) => $"'{l}' is not a level; use one of {Kebab.Options<ActorLevel>()}");
    }
}

internal sealed class TimeDtoValidator : AbstractValidator<TimeDto>
{
    public TimeDtoValidator()
    {
        RuleForEach(t => t.Candidates).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.From).NotEmpty().WithMessage("is required (YYYY-MM-DD)")
                .Must(BeADate).WithMessage((_, d) => NotADate(d));
            c.RuleFor(x => x.To).NotEmpty().WithMessage("is required (YYYY-MM-DD; equal to from for a single day)")
                .Must(BeADate).WithMessage((_, d) => NotADate(d));
            c.RuleFor(x => x).Must(x => !BeADate(x.From) || !BeADate(x.To) || ParseDate(x.To!) >= ParseDate(x.From!))
                .WithName("to").WithMessage((x, _) => $"the interval ends ({x.To}) before it starts ({x.From}); swap them");
            c.RuleFor(x => x.Precision).Must(p => Kebab.TryParse<DatePrecision>(p, out _))
                .WithMessage((_, p) => $"'{p}' is not a precision; use one of {Kebab.Options<DatePrecision>()}");
            c.RuleFor(x => x.Method).Must(m => Kebab.TryParse<ResolutionMethod>(m, out _))
                .WithMessage((_, m) => $"'{m}' is not a resolution method; use one of {Kebab.Options<ResolutionMethod>()}");
            c.RuleFor(x => x.At)
                .Must((x, at) => Application.Dates.ZonedTimes.Read(at!, x.Zone, out _) is not null)
                .When(x => x.At is not null)
                .WithMessage((x, at) => Application.Dates.ZonedTimes.Read(at!, x.Zone, out var error) is null ? error! : "");
            c.RuleFor(x => x.Zone)
                .Must(z => Application.Dates.ZonedTimes.IsKnownZone(z!)).When(x => x.Zone is not null)
                .WithMessage((_, z) => $"'{z}' is not an IANA time zone; use e.g. Asia/Tehran, Asia/Baku, UTC");
            c.RuleFor(x => x.From)
                .Must((x, from) => Application.Dates.ZonedTimes.Read(x.At!, x.Zone, out _) is not { } reading || (from == reading.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) && x.To == from))
                .When(x => x.At is not null && BeADate(x.From) && BeADate(x.To))
                .WithMessage((x, _) => $"with a clock time, from and to must both be its local date ({Application.Dates.ZonedTimes.Read(x.At!, x.Zone, out _)?.LocalDate:yyyy-MM-dd})");
        });
    }

    internal static bool BeADate(string? text) => text is not null && TryParseDate(text, out _);

    internal static DateOnly ParseDate(string text) => TryParseDate(text, out var date) ? date : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The usual shape (four digits, dash, two, dash, two) is read digit by digit; anything else goes to
    /// the framework's parser, which is also this one's oracle in the tests. An import reads each of its
    /// candidate dates several times (its checks, then the mapping), through a general-purpose parser.
    /// </summary>
    internal static bool TryParseDate(string text, out DateOnly date)
    {
        if (text is [var y1, var y2, var y3, var y4, '-', var m1, var m2, '-', var d1, var d2]
            && char.IsAsciiDigit(y1) && char.IsAsciiDigit(y2) && char.IsAsciiDigit(y3) && char.IsAsciiDigit(y4)
            && char.IsAsciiDigit(m1) && char.IsAsciiDigit(m2) && char.IsAsciiDigit(d1) && char.IsAsciiDigit(d2))
        {
            var year = ((y1 - '0') * 1000) + ((y2 - '0') * 100) + ((y3 - '0') * 10) + (y4 - '0');
            var month = ((m1 - '0') * 10) + (m2 - '0');
            var day = ((d1 - '0') * 10) + (d2 - '0');
            var exists = year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
            date = exists ? new DateOnly(year, month, day) : default;
            return exists;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static string NotADate(string? text) =>
        text is not null && System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}$")
            ? $"'{text}' is not a date that exists; check the day and month"
            : $"'{text}' is not a date; write YYYY-MM-DD";
}

internal sealed class RelationDtoValidator : AbstractValidator<RelationDto>
{
    public RelationDtoValidator()
    {
        RuleFor(r => r.Type).Must(t => t is "corroborates" or "contradicts").WithMessage((_, t) => $"'{t}' is not a relation; use corroborates or contradicts");
        RuleFor(r => r.Claim).NotEmpty().WithMessage("is required").MustBeAnId();
        RuleFor(r => r.Other).NotEmpty().WithMessage("is required").MustBeAnId();
        RuleFor(r => r.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
        RuleFor(r => r.Field).Must(ContradictionFields.IsField).When(r => r.Type == "contradicts")
            .WithMessage((_, f) => $"{(string.IsNullOrEmpty(f) ? "is required for contradicts" : $"'{f}' is not a contradiction field")}: use one of {ContradictionFields.Listed} (say more in \"detail\")");
    }
}

internal sealed class CorrectionDtoValidator : AbstractValidator<CorrectionDto>
{
    public static readonly string[] Types = ["retract", "revise-confidence", "supersede", "redate", "link", "unlink", "resolve-contradiction"];

    public CorrectionDtoValidator()
    {
        RuleFor(c => c.Type).Must(t => t is not null && Types.Contains(t)).WithMessage((_, t) => $"'{t}' is not a correction; use one of {string.Join(", ", Types)}");
        RuleFor(c => c.Claim).NotEmpty().WithMessage("is required").MustBeAnId();
        RuleFor(c => c.By).MustBeAnId();
        RuleFor(c => c.Other).MustBeAnId();
        RuleFor(c => c.Occurrence).MustBeAnId();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
        RuleFor(c => c.Confidence).NotNull().When(c => c.Type == "revise-confidence").WithMessage("is required for revise-confidence");
        RuleFor(c => c.Confidence!).SetValidator(new ConfidenceDtoValidator()).When(c => c.Confidence is not null);
        RuleFor(c => c.By).NotEmpty().When(c => c.Type == "supersede").WithMessage("is required for supersede: the newer claim's id");
        RuleFor(c => c.Occurred).NotNull().When(c => c.Type == "redate").WithMessage("is required for redate: the new reading of when it happened");
        RuleFor(c => c.Occurred!).SetValidator(new TimeDtoValidator()).When(c => c.Occurred is not null);
        RuleFor(c => c.Occurrence).NotEmpty().When(c => c.Type == "link").WithMessage("is required for link: the occurrence's id");
        RuleFor(c => c.Other).NotEmpty().When(c => c.Type == "resolve-contradiction").WithMessage("is required for resolve-contradiction: the other claim");
        RuleFor(c => c.Field).NotEmpty().When(c => c.Type == "resolve-contradiction").WithMessage("is required for resolve-contradiction: the field it was marked on");
        RuleFor(c => c.Resolution).NotEmpty().When(c => c.Type == "resolve-contradiction").WithMessage("is required for resolve-contradiction: which reading holds");
    }
}
