using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Drafting;

/// <summary>"2024-06-12" or "2024-06-01..2024-06-30": when the article was published, as the analyst gives it.</summary>
public static class PublicationWindow
{
    public static UncertainTime? Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length > 2)
        {
            throw new InputRejectedException(field, $"'{text}' is not DATE or FROM..TO (YYYY-MM-DD)");
        }
        var from = TimeArguments.Date(parts[0], field)!.Value;
        var to = parts.Length == 2 ? TimeArguments.Date(parts[1], field)!.Value : from;
        if (to < from)
        {
            throw new InputRejectedException(field, $"'{text}' ends before it starts; swap the dates");
        }
        var precision = (to.DayNumber - from.DayNumber + 1) switch
        {
            1 => DatePrecision.Day,
            <= 7 => DatePrecision.Week,
            <= 31 => DatePrecision.Month,
            <= 92 => DatePrecision.Quarter,
            _ => DatePrecision.Year,
        };
        return new UncertainTime(null, null, [new CandidateInterval(from, to, precision, ResolutionMethod.AnalystJudgement, null, "publication as given to bt draft")], []);
    }
}
