using System.Globalization;
using System.Text.RegularExpressions;

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
    // "about" widens by one unit either side: enough to cover rounding by the writer, and it keeps
    // "about five years ago" and an explicit "in 2017" comparable.
    private const int AboutTolerance = 1;

    // A day and month with no year: look this many years back from the anchor (and one ahead, bounded
    // by the anchor's latest day) for years in which the weekday matches.
    private const int WeekdayYearsBack = 6;

    private delegate IEnumerable<(DateOnly From, DateOnly To, string Reason)> AnchoredReading(DateOnly from, DateOnly to);

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

    /// <summary>
    /// A finding such as "22 January 2022 was a Saturday, not a Monday" when <paramref name="date"/>
    /// does not fall on <paramref name="expected"/>; null when it does.
    /// </summary>
    public static string? CheckWeekday(DateOnly date, DayOfWeek expected) =>
        date.DayOfWeek == expected ? null : $"{Describe(date)} was a {date.DayOfWeek}, not a {expected}";

    /// <summary>True when some reading of <paramref name="a"/> shares a day with some reading of <paramref name="b"/>.</summary>
    public static bool Overlaps(UncertainTime a, UncertainTime b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Candidates.Any(x => b.Candidates.Any(y => x.From <= y.To && y.From <= x.To));
    }

    /// <summary>
    /// A finding such as "the readings 2024-01-22 and 2022-01-22 do not overlap" when two times from
    /// different clues cannot both be right; null when they overlap or either is unknown (no evidence).
    /// </summary>
    public static string? CheckOverlap(UncertainTime a, UncertainTime b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.IsUnknown || b.IsUnknown || Overlaps(a, b))
        {
            return null;
        }
        return $"the readings {a} and {b} do not overlap";
    }

    private static UncertainTime ResolveClue(string phrase, string clue, string language, UncertainTime publication, UncertainTime? relativeTo)
    {
        var reader = new Reader(phrase, publication, relativeTo);
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

    private static List<CandidateInterval> Distinct(IEnumerable<CandidateInterval> candidates) =>
        candidates
            .GroupBy(c => (c.From, c.To, c.Precision, c.Method))
            .Select(g => g.First())
            .OrderBy(c => c.From)
            .ThenBy(c => c.To)
            .ToList();

    internal static string Describe(DateOnly date) =>
        $"{date.Day} {DateWords.EnglishMonthNames[date.Month - 1]} {date.Year.ToString(CultureInfo.InvariantCulture)}";

    internal static string Show(DateOnly from, DateOnly to) =>
        from == to ? Iso(from) : $"{Iso(from)}..{Iso(to)}";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly StartOfMonth(DateOnly d) => new(d.Year, d.Month, 1);

    private static DateOnly EndOfMonth(DateOnly d) => new(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month));

    private static DateOnly StartOfWeek(DateOnly d) => PreviousOrSame(d, DayOfWeek.Monday);

    private static DateOnly EndOfWeek(DateOnly d) => d.AddDays(((int)DayOfWeek.Sunday - (int)d.DayOfWeek + 7) % 7);

    private static DateOnly PreviousOrSame(DateOnly d, DayOfWeek weekday) => d.AddDays(-(((int)d.DayOfWeek - (int)weekday + 7) % 7));

    // Calendar arithmetic: a month or year later keeps the day, or the month's last day when it has fewer
    // (31 March + 1 month = 30 April; 29 February + 1 year = 28 February).
    private static DateOnly Plus(DateOnly d, DateUnit unit, int count) => unit switch
    {
        DateUnit.Year => d.AddYears(count),
        DateUnit.Month => d.AddMonths(count),
        DateUnit.Week => d.AddDays(7 * count),
        _ => d.AddDays(count),
    };

    [GeneratedRegex(@"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")]
    private static partial Regex IsoDate();

    /// <summary>One clue being read: the candidates and findings it has produced so far.</summary>
    private sealed class Reader(string phrase, UncertainTime publication, UncertainTime? relativeTo)
    {
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

        private static string FoldDigitsOnly(string text) =>
            new(text.Select(ch => ch switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (ch - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (ch - '\u06F0')),
                _ => ch,
            }).ToArray());

        private void ReadIsoDate(Match iso)
        {
            var year = int.Parse(iso.Groups[1].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(iso.Groups[2].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(iso.Groups[3].Value, CultureInfo.InvariantCulture);
            if (TryDate(year, month, day) is { } date)
            {
                Add(date, date, DatePrecision.Day, ResolutionMethod.Explicit, null, "an explicit calendar date");
            }
            else
            {
                Findings.Add($"could not resolve \"{phrase}\": {iso.Value} is not a calendar date");
            }
        }

        // "قبل حوالي خمس سنوات", "about five years ago", "بعد 18 شهرا", "18 months later".
        private bool TryQuantity(string[] tokens)
        {
            var ago = tokens.Any(t => DateWords.IsAny(t, DateWords.Ago));
            var after = tokens.Any(t => DateWords.IsAny(t, DateWords.After));
            if (ago == after)
            {
                return false;
            }
            for (var i = 0; i < tokens.Length; i++)
            {
                // "يوم الإثنين" names a day ("on Monday"), it does not count one.
                if (DateWords.UnitOf(tokens[i]) is not { } unit
                    || (i + 1 < tokens.Length && DateWords.WeekdayOf(tokens[i + 1]) is not null))
                {
                    continue;
                }
                var count = i > 0 ? DateWords.NumberOf(tokens[i - 1]) : null;
                count ??= unit.Count;
                if (count is null)
                {
                    Findings.Add($"could not resolve \"{phrase}\": how many {unit.Unit.ToString().ToLowerInvariant()}s is not said");
                    return true;
                }
                var about = tokens.Any(t => DateWords.IsAny(t, DateWords.Approximately));
                if (ago)
                {
                    Shift(publication, "publication", "the publication", ResolutionMethod.RelativeToPublication, unit.Unit, -count.Value, about);
                }
                else if (relativeTo is null || relativeTo.IsUnknown)
                {
                    Findings.Add($"could not resolve \"{phrase}\": it counts from another time, which was not given or is unknown");
                }
                else
                {
                    var described = relativeTo.Phrase is { Length: > 0 } p ? $"\"{p}\"" : "the related time";
                    Shift(relativeTo, "related time", described, ResolutionMethod.RelativeToClaim, unit.Unit, count.Value, about);
                }
                return true;
            }
            return false;
        }

        private void Shift(UncertainTime anchor, string anchorName, string described, ResolutionMethod method, DateUnit unit, int count, bool about)
        {
            var slack = about ? AboutTolerance : 0;
            var direction = count < 0 ? "before" : "after";
            var amount = $"{(about ? "about " : "")}{Math.Abs(count)} {unit.ToString().ToLowerInvariant()}(s) {direction} {described}";
            var tolerance = about ? $", widened by {AboutTolerance} {unit.ToString().ToLowerInvariant()} either side" : "";
            ForEachAnchor(anchor, anchorName, method, (a, b) =>
            {
                var from = Plus(Plus(a, unit, count), unit, -slack);
                var to = Plus(Plus(b, unit, count), unit, slack);
                var window = unit switch
                {
                    DateUnit.Year => (new DateOnly(from.Year, 1, 1), new DateOnly(to.Year, 12, 31)),
                    DateUnit.Month => (StartOfMonth(from), EndOfMonth(to)),
                    DateUnit.Week => (StartOfWeek(from), EndOfWeek(to)),
                    _ => (from, to),
                };
                return [(window.Item1, window.Item2, amount + tolerance)];
            }, unit switch
            {
                DateUnit.Year => DatePrecision.Year,
                DateUnit.Month => DatePrecision.Month,
                DateUnit.Week => DatePrecision.Week,
                _ => DatePrecision.Day,
            });
        }

        // "الأسبوع الماضي", "last week", "الشهر المقبل", "this year", ...
        private bool TryRelativePeriod(string[] tokens)
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                var unit = DateWords.IsAny(tokens[i], DateWords.WeekWords) ? DateUnit.Week
                    : DateWords.IsAny(tokens[i], DateWords.MonthWords) ? DateUnit.Month
                    : DateWords.IsAny(tokens[i], DateWords.YearWords) ? DateUnit.Year
                    : (DateUnit?)null;
                if (unit is null)
                {
                    continue;
                }
                // Arabic puts the qualifier after the noun, English before it.
                var offset = OffsetWord(i + 1 < tokens.Length ? tokens[i + 1] : null)
                    ?? OffsetWord(i > 0 ? tokens[i - 1] : null);
                if (offset is null)
                {
                    continue;
                }
                ReadRelativePeriod(unit.Value, offset.Value);
                return true;
            }
            return false;
        }

        private static int? OffsetWord(string? token) =>
            token is null ? null
            : DateWords.IsAny(token, DateWords.Last) ? -1
            : DateWords.IsAny(token, DateWords.Next) ? 1
            : DateWords.IsAny(token, DateWords.This) ? 0
            : null;

        private void ReadRelativePeriod(DateUnit unit, int offset)
        {
            var which = offset switch { -1 => "before", 1 => "after", _ => "containing" };
            switch (unit)
            {
                case DateUnit.Week:
                    ForEachAnchor(publication, "publication", ResolutionMethod.RelativeToPublication, (a, b) =>
                        [(StartOfWeek(a).AddDays(7 * offset), EndOfWeek(b).AddDays(7 * offset), $"the ISO week (Monday to Sunday) {which} the publication")],
                        DatePrecision.Week);
                    break;
                case DateUnit.Month:
                    ForEachAnchor(publication, "publication", ResolutionMethod.RelativeToPublication, (a, b) =>
                        [(StartOfMonth(a).AddMonths(offset), EndOfMonth(StartOfMonth(b).AddMonths(offset)), $"the calendar month {which} the publication")],
                        DatePrecision.Month);
                    break;
                default:
                    ForEachAnchor(publication, "publication", ResolutionMethod.RelativeToPublication, (a, b) =>
                        [(new DateOnly(a.Year + offset, 1, 1), new DateOnly(b.Year + offset, 12, 31), $"the calendar year {which} the publication")],
                        DatePrecision.Year);
                    break;
            }
        }

        private bool TryNamedMonth(string[] tokens)
        {
            var months = DateWords.FindMonths(tokens);
            if (months.Count == 0)
            {
                return false;
            }
            var distinct = months.Select(m => m.Month).Distinct().ToList();
            if (distinct.Count > 1)
            {
                Findings.Add($"could not resolve \"{phrase}\": the month names disagree ({string.Join(", ", distinct.Select(m => DateWords.EnglishMonthNames[m - 1]))})");
                return true;
            }
            var month = distinct[0];
            var day = DayNextTo(tokens, months);
            var weekday = tokens.Select(DateWords.WeekdayOf).FirstOrDefault(d => d is not null);
            var years = Years(tokens);
            var offset = tokens.Select(t => OffsetWord(t)).FirstOrDefault(o => o is not null and not 0);

            if (years.Count > 0)
            {
                foreach (var year in years)
                {
                    ReadExplicit(year, month, day, weekday);
                }
                return true;
            }
            if (day is null && offset is { } o)
            {
                ReadMonthRelative(month, o);
                return true;
            }
            if (day is { } d && weekday is { } w)
            {
                ReadDayMonthWeekday(d, month, w);
                return true;
            }
            if (day is { } dd)
            {
                ReadDayMonth(dd, month);
                return true;
            }
            ReadMonthRelative(month, 0);
            return true;
        }

        private static int? DayNextTo(string[] tokens, List<(int Month, int Start, int End)> months)
        {
            foreach (var (_, start, end) in months)
            {
                foreach (var index in new[] { start - 1, end + 1 })
                {
                    if (index >= 0 && index < tokens.Length && tokens[index].Length <= 2 && DateWords.NumberOf(tokens[index]) is { } n and >= 1 and <= 31)
                    {
                        return n;
                    }
                }
            }
            return null;
        }

        private static List<int> Years(string[] tokens) =>
            tokens.Where(t => t.Length == 4 && t.All(char.IsAsciiDigit))
                .Select(t => int.Parse(t, CultureInfo.InvariantCulture))
                .Where(y => y is >= 1800 and <= 2199)
                .Distinct()
                .ToList();

        private void ReadExplicit(int year, int month, int? day, DayOfWeek? weekday)
        {
            if (day is null)
            {
                var start = new DateOnly(year, month, 1);
                Add(start, EndOfMonth(start), DatePrecision.Month, ResolutionMethod.Explicit, null, "an explicit month and year");
                return;
            }
            if (TryDate(year, month, day.Value) is not { } date)
            {
                Findings.Add($"could not resolve \"{phrase}\": {day} {DateWords.EnglishMonthNames[month - 1]} {year} does not exist");
                return;
            }
            Add(date, date, DatePrecision.Day, ResolutionMethod.Explicit, null, "an explicit calendar date");
            if (weekday is { } w && CheckWeekday(date, w) is { } finding)
            {
                Findings.Add(finding);
            }
        }

        // "في سبتمبر الماضي" (offset -1): the latest September strictly before the anchor's month;
        // "in September" (offset 0): the latest September not after it; "next September" (+1).
        private void ReadMonthRelative(int month, int offset)
        {
            var name = DateWords.EnglishMonthNames[month - 1];
            var method = offset == 0 ? ResolutionMethod.InferredFromContext : ResolutionMethod.RelativeToPublication;
            var reason = offset switch
            {
                -1 => $"the latest {name} before the month of publication",
                1 => $"the first {name} after the month of publication",
                _ => $"no year given; the latest {name} not after the publication",
            };
            ForEachAnchor(publication, "publication", method, (a, b) =>
            {
                int YearFor(DateOnly d) => offset switch
                {
                    -1 => d.Month > month ? d.Year : d.Year - 1,
                    1 => d.Month < month ? d.Year : d.Year + 1,
                    _ => d.Month >= month ? d.Year : d.Year - 1,
                };
                return Enumerable.Range(YearFor(a), YearFor(b) - YearFor(a) + 1)
                    .Select(y => (new DateOnly(y, month, 1), EndOfMonth(new DateOnly(y, month, 1)), reason));
            }, DatePrecision.Month);
        }

        // "24 كانون الثاني\يناير": the latest such day not after the publication.
        private void ReadDayMonth(int day, int month)
        {
            if (TryDate(2000, month, day) is null)
            {
                Findings.Add($"could not resolve \"{phrase}\": {day} {DateWords.EnglishMonthNames[month - 1]} does not exist");
                return;
            }
            ForEachAnchor(publication, "publication", ResolutionMethod.InferredFromContext, (a, b) =>
            {
                var first = LatestOnOrBefore(day, month, a);
                var last = LatestOnOrBefore(day, month, b);
                return Enumerable.Range(first.Year, last.Year - first.Year + 1)
                    .Select(y => TryDate(y, month, day))
                    .OfType<DateOnly>()
                    .Select(date => (date, date, "no year given; the latest such day not after the publication"));
            }, DatePrecision.Day);
        }

        // "يوم الإثنين 22 كانون الثاني \ يناير": every year near the anchor in which that day is that
        // weekday, plus a finding for the year the reader would naturally assume when it disagrees.
        private void ReadDayMonthWeekday(int day, int month, DayOfWeek weekday)
        {
            var monthName = DateWords.EnglishMonthNames[month - 1];
            if (TryDate(2000, month, day) is null)
            {
                Findings.Add($"could not resolve \"{phrase}\": {day} {monthName} does not exist");
                return;
            }
            if (publication.IsUnknown)
            {
                Findings.Add($"could not resolve \"{phrase}\": no year given and the publication time is unknown");
                return;
            }
            ForEachAnchor(publication, "publication", ResolutionMethod.InferredFromContext, (a, b) =>
            {
                // The anchor points at one year when the latest such day before its end falls in the
                // year the anchor starts in, or is the same for its first and last day.
                var natural = LatestOnOrBefore(day, month, b);
                var pointsAtOneYear = natural.Year == a.Year || natural.Year == LatestOnOrBefore(day, month, a).Year;
                if (pointsAtOneYear && CheckWeekday(natural, weekday) is { } finding)
                {
                    Findings.Add($"{finding} (the latest {day} {monthName} not after the publication {Show(a, b)})");
                }
                var matches = Enumerable.Range(a.Year - WeekdayYearsBack, b.Year - a.Year + WeekdayYearsBack + 2)
                    .Select(y => TryDate(y, month, day))
                    .OfType<DateOnly>()
                    .Where(date => date <= b && date.DayOfWeek == weekday)
                    .ToList();
                if (matches.Count == 0)
                {
                    Findings.Add($"no year from {a.Year - WeekdayYearsBack} to {b.Year} has {day} {monthName} on a {weekday}");
                }
                return matches.Select(date => (date, date, $"no year given; {day} {monthName} {date.Year} was a {weekday}"));
            }, DatePrecision.Day);

            if (relativeTo is { IsUnknown: false } other)
            {
                var first = other.Earliest!.Value.Year;
                if (first == other.Latest!.Value.Year && TryDate(first, month, day) is { } hinted && CheckWeekday(hinted, weekday) is { } finding)
                {
                    Findings.Add($"{finding} (the year another clue points at)");
                }
                var mine = new UncertainTime(phrase, null, Distinct(Candidates), []);
                if (CheckOverlap(mine, other) is { } disagreement)
                {
                    Findings.Add(disagreement);
                }
            }
        }

        private bool TryYears(string[] tokens)
        {
            var years = Years(tokens);
            foreach (var year in years)
            {
                Add(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), DatePrecision.Year, ResolutionMethod.Explicit, null, "an explicit year");
            }
            return years.Count > 0;
        }

        // "يوم الإثنين" / "on Monday" alone: the latest such weekday on or before the publication.
        private bool TryWeekdayOnly(string[] tokens)
        {
            if (tokens.Select(DateWords.WeekdayOf).FirstOrDefault(d => d is not null) is not { } weekday)
            {
                return false;
            }
            ForEachAnchor(publication, "publication", ResolutionMethod.RelativeToPublication, (a, b) =>
                [(PreviousOrSame(a, weekday), PreviousOrSame(b, weekday), $"the latest {weekday} on or before the publication")],
                DatePrecision.Day);
            return true;
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

        private static DateOnly LatestOnOrBefore(int day, int month, DateOnly limit)
        {
            for (var year = limit.Year; ; year--)
            {
                if (TryDate(year, month, day) is { } date && date <= limit)
                {
                    return date;
                }
            }
        }
    }

    private static DateOnly? TryDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && year is >= 1 and <= 9999 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
}
