using System.Globalization;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Scoring;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

public sealed record ExportQuote(int Start, int End, string Text);

/// <summary>One claim flattened for spreadsheets and notebooks; the columns are documented in docs/export.md.</summary>
public sealed record ExportRow(
    string ClaimId,
    string? OccurrenceId,
    string? DateFrom,
    string? DateTo,
    string? DatePhrase,
    string Precision,
    string Kind,
    string CameoCode,
    double Goldstein,
    string Summary,
    string Modality,
    string? Actor1,
    string? Actor1Country,
    string? Actor2,
    string? Actor2Country,
    string Actors,
    string Countries,
    string? Place,
    string SourceId,
    string Outlet,
    string? SourceTitle,
    string? SourceUrl,
    string? SourcePublished,
    string? SourceLanguage,
    string Origin,
    string Reliability,
    int Credibility,
    string? Likelihood,
    string Grade,
    int Confidence,
    string Status,
    string? SupersededBy,
    string CorroboratedBy,
    string ContradictedBy,
    IReadOnlyList<ExportQuote> Quotes,
    string? SourceSha256,
    long Position,
    string EventId,
    string Recorded,
    string RecordedBy,
    string Positions)
{
    public static ExportRow Of(LedgerView view, ClaimView c)
    {
        var claim = c.Claim;
        var source = view.Sources.GetValueOrDefault(claim.SourceId)?.Source;
        var kind = ClaimKinds.IsKnown(claim.Kind) ? ClaimKinds.Get(claim.Kind) : null;
        var actors = claim.Actors;
        return new ExportRow(
            claim.ClaimId,
            c.OccurrenceId,
            Date(c.Occurred.Earliest),
            Date(c.Occurred.Latest),
            c.Occurred.Phrase,
            Kebab(c.Occurred.Precision),
            claim.Kind,
            kind is null ? "" : ClaimKinds.Code(claim.Kind, claim.Cameo),
            kind is null ? 0 : ClaimKinds.Goldstein(claim.Kind, claim.Cameo),
            claim.Summary,
            Kebab(claim.Modality),
            actors.Count > 0 ? actors[0].Name : null,
            actors.Count > 0 ? actors[0].Country : null,
            actors.Count > 1 ? actors[1].Name : null,
            actors.Count > 1 ? actors[1].Country : null,
            string.Join("; ", actors.Select(a => a.Country is null ? a.Name : $"{a.Name} ({a.Country})")),
            string.Join(";", actors.Select(a => a.Country).OfType<string>().Distinct(StringComparer.Ordinal)),
            claim.Place,
            claim.SourceId,
            source?.Outlet ?? "",
            source?.Title,
            source?.Url,
            source?.Published.Earliest is { } published ? Date(published) : null,
            source?.Language,
            string.Join(" > ", claim.Attribution.Select(a => a.Name)),
            c.Confidence.Reliability.ToString(),
            c.Confidence.Credibility,
            c.Confidence.Likelihood is { } likelihood ? Kebab(likelihood) : null,
            c.Confidence.Grade,
            ConfidenceScale.Score(c.Confidence),
            StatusOf(c),
            c.SupersededBy,
            string.Join(";", c.CorroboratedBy),
            string.Join(";", c.ContradictedBy),
            claim.Quotes.Select(q => new ExportQuote(q.Start, q.End, q.Text)).ToList(),
            source?.Sha256,
            c.Position,
            c.EventId.ToString(),
            StixTime.Format(c.Recorded),
            c.RecordedBy,
            string.Join(";", c.Changes.Select(x => x.Position).Prepend(c.Position).Select(p => p.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>live, retracted or superseded: retraction wins because a retracted claim is void whatever replaced it.</summary>
    public static string StatusOf(ClaimView c) => c.Retracted ? "retracted" : c.SupersededBy is not null ? "superseded" : "live";

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Kebab<T>(T value) where T : struct, Enum => Serialization.Kebab.Format(value);
}
