using static BilateralTimeline.Domain.Time.Reading.CalendarDays;
using System.Text.RegularExpressions;

namespace BilateralTimeline.Domain.Time.Reading;

/// <summary>
/// One clue being read: the candidates and findings it has produced so far. Each kind of phrase has its
/// own file (counted from an anchor, relative periods, named months, absolute dates); this one tries them
/// in order and turns readings against every anchor candidate into candidates.
/// </summary>
internal sealed partial class ClueReader(string phrase, UncertainTime publication, UncertainTime? relativeTo)
{
    private delegate IEnumerable<(DateOnly From, DateOnly To, string Reason)> AnchoredReading(DateOnly from, DateOnly to);

    public List<CandidateInterval> Candidates { get; } = [];

    public List<string> Findings { get; } = [];

    public void Read(string clue)
    {
        var iso = IsoDate().Match(FoldDigitsOnly(clue));
        if (iso.Success)
        {
            ReadIsoDate(iso);
            return;
        }
        var tokens = DateWords.Tokenize(DateWords.Normalize(clue));
        if (tokens.Length == 0)
        {
            Findings.Add($"could not resolve \"{phrase}\": the phrase is empty");
            return;
        }
        if (TryQuantity(tokens) || TryRelativePeriod(tokens) || TryNamedMonth(tokens) || TryYears(tokens) || TryWeekdayOnly(tokens))
        {
            return;
        }
        Findings.Add($"could not resolve \"{phrase}\": no date words recognised");
    }

    private void ForEachAnchor(UncertainTime anchor, string anchorName, ResolutionMethod method, AnchoredReading read, DatePrecision precision)
    {
        if (anchor.IsUnknown)
        {
            Findings.Add($"could not resolve \"{phrase}\": it is relative to the {anchorName}, which is unknown");
            return;
        }
        foreach (var candidate in anchor.Candidates)
        {
            var a = candidate.From;
            var b = candidate.To;
            var label = $"{anchorName} {Show(a, b)}";
            foreach (var (from, to, reason) in read(a, b))
            {
                Add(from, to, precision, method, label, reason);
            }
        }
    }

    private void Add(DateOnly from, DateOnly to, DatePrecision precision, ResolutionMethod method, string? anchor, string reason) =>
        Candidates.Add(CandidateInterval.Create(from, to, precision, method, anchor, reason));

    [GeneratedRegex(@"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")]
    private static partial Regex IsoDate();
}
