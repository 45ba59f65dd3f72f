namespace BilateralTimeline.Domain.Time.Reading;

/// <summary>
/// Reads the date words of a source (Arabic or English) into candidate day intervals, against the
/// source's publication time and, for phrases such as "after 18 months", the time of another claim.
/// Pure: no clock, no I/O, never throws on bad words. Doubts become findings and extra candidates;
/// nothing is silently fixed, and a phrase it cannot read comes back unresolved with its words kept.
/// </summary>
/// <remarks>
/// Arabic and English words are both recognised whatever the language tag, because Arabic copy
/// quotes English month names and English copy transliterates Arabic ones; the tag is only kept.
/// Weeks are ISO weeks, Monday to Sunday, whatever the source's local convention (many Arab sources
/// start the week on Saturday or Sunday); the candidate's reason says so, and an analyst can redate.
/// When an anchor is itself an interval, "last week"/"last month"/"N units ago" give one window from
/// the reading of the earliest anchor day to the reading of the latest; named months and years give
/// one candidate per distinct reading. Each anchor candidate is read separately, duplicates dropped.
/// </remarks>
public static partial class DateResolver
{
    /// <summary>
    /// Resolves <paramref name="phrase"/>. <paramref name="publication"/> anchors relative words ("last
    /// week"); <paramref name="relativeTo"/> is another claim's time, the base of "after 18 months" and,
    /// for a weekday with a day and month, another clue whose year the weekday is checked against.
    /// </summary>
    public static UncertainTime Resolve(string phrase, string language, UncertainTime publication, UncertainTime? relativeTo = null)
    {
        ArgumentNullException.ThrowIfNull(publication);
        phrase ??= "";
        var open = phrase.IndexOf('(', StringComparison.Ordinal);
        var close = phrase.IndexOf(')', StringComparison.Ordinal);
        if (open >= 0 && close > open)
        {
            // "in 2017 (about five years ago)": two clues for one time; keep both readings and say
            // whether they agree.
            var main = phrase[..open] + " " + phrase[(close + 1)..];
            var aside = phrase[(open + 1)..close];
            if (!string.IsNullOrWhiteSpace(main) && !string.IsNullOrWhiteSpace(aside))
            {
                var first = ResolveClue(phrase, main, language, publication, relativeTo);
                var second = ResolveClue(phrase, aside, language, publication, relativeTo);
                var findings = first.Findings.Concat(second.Findings).ToList();
                if (CheckOverlap(first, second) is { } disagreement)
                {
                    findings.Add($"the clues \"{main.Trim()}\" and \"{aside.Trim()}\" disagree: {disagreement}");
                }
                return new UncertainTime(phrase, language, Distinct(first.Candidates.Concat(second.Candidates)), findings.Distinct().ToList());
            }
        }
        return ResolveClue(phrase, phrase, language, publication, relativeTo);
    }

    private static UncertainTime ResolveClue(string phrase, string clue, string language, UncertainTime publication, UncertainTime? relativeTo)
    {
        var reader = new ClueReader(phrase, publication, relativeTo);
        try
        {
            reader.Read(clue);
        }
        catch (ArgumentOutOfRangeException)
        {
            // The calendar ends at the years 1 and 9999 (e.g. "9999 years later"): a phrase we cannot
            // read, not a crash. The finding says so in its own words, not the runtime's.
            reader.Findings.Add($"could not resolve \"{phrase}\": it falls outside the calendar (years 1 to 9999)");
            reader.Candidates.Clear();
        }
        if (reader.Candidates.Count == 0 && !reader.Findings.Any(f => f.StartsWith("could not resolve", StringComparison.Ordinal)))
        {
            reader.Findings.Add($"could not resolve \"{phrase}\": no date reading found");
        }
        return new UncertainTime(phrase, language, Distinct(reader.Candidates), reader.Findings.Distinct().ToList());
    }

    internal static List<CandidateInterval> Distinct(IEnumerable<CandidateInterval> candidates) =>
        candidates
            .GroupBy(c => (c.From, c.To, c.Precision, c.Method))
            .Select(g => g.First())
            .OrderBy(c => c.From)
            .ThenBy(c => c.To)
            .ToList();
}
