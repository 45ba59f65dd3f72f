using BilateralTimeline.Domain.Time.Reading;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Drafting;

/// <summary>A date phrase of a sentence at its own offsets, read by the date resolver.</summary>
internal sealed record DatePhrase(int Start, int End, string Text, UncertainTime Time);

/// <summary>
/// Finds the date phrases of a sentence with the resolver's own vocabulary: a run of words that are
/// date words (months, weekdays, numbers, units, "last"/"next"/"ago", a year) or the prepositions that
/// lead them, holding at least one anchor (a month, weekday, year, unit or "this/last week/month/year"),
/// and that the resolver reads to at least one candidate interval.
/// </summary>
internal static class DatePhrases
{
    private static readonly HashSet<string> Leaders = new(StringComparer.Ordinal)
    {
        "في", "يوم", "منذ", "خلال", "حتي", "مطلع", "اواخر", "اوائل", "منتصف", "on", "in", "since", "during", "by", "early", "late", "mid",
    };

    private static readonly HashSet<string> Standalone = new(StringComparer.Ordinal)
    {
        "اليوم", "امس", "غدا", "today", "yesterday", "tomorrow",
    };

    public static List<DatePhrase> Find(string text, Sentence sentence, string language, UncertainTime publication, UncertainTime? relativeTo = null)
    {
        var tokens = Tokens(text, sentence.Start, sentence.End);
        var found = new List<DatePhrase>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (tokens[i].Role == Role.None)
            {
                i++;
                continue;
            }
            var j = i;
            var anchored = false;
            var lastDate = -1;
            while (j < tokens.Count && tokens[j].Role != Role.None)
            {
                // A leader after a date word opens a phrase of its own: "for a week in March" is a duration and
                // then the date, not one phrase.
                if (j > i && tokens[j].Role == Role.Leader && tokens[j - 1].Role is Role.Anchor or Role.Date && lastDate >= 0)
                {
                    break;
                }
                anchored |= tokens[j].Role == Role.Anchor;
                // A trailing "after/بعد" leads the next clause ("in March after clashes"), it is no part of this date.
                if (tokens[j].Role is Role.Anchor or Role.Date && !(tokens[j].After && (j + 1 >= tokens.Count || tokens[j + 1].Role == Role.None)))
                {
                    lastDate = j;
                }
                j++;
            }
            var first = i;
            while (first < lastDate && tokens[first].Role is Role.Leader or Role.Separator && tokens[first + 1].Role is Role.Leader or Role.Separator)
            {
                first++;
            }
            if (anchored && lastDate >= first)
            {
                var (start, end) = Trim(text, tokens[first].Start, tokens[lastDate].End);
                var phrase = text[start..end];
                var time = YearKept(DateResolver.Resolve(phrase, language, publication, relativeTo), phrase, language, publication, relativeTo);
                if (!time.IsUnknown)
                {
                    found.Add(new DatePhrase(start, end, phrase, time));
                }
            }
            i = Math.Max(j, i + 1);
        }
        return found;
    }

    private enum Role { None, Leader, Separator, Date, Anchor }

    private readonly record struct Token(int Start, int End, Role Role, bool After = false);

    /// <summary>
    /// A year written in the phrase is the year meant: «منذ عام 2019» is "since 2019", never "a year ago"
    /// (منذ عام). When the reading misses the written year, the phrase from the year word on is read instead.
    /// </summary>
    private static UncertainTime YearKept(UncertainTime time, string phrase, string language, UncertainTime publication, UncertainTime? relativeTo)
    {
        var year = System.Text.RegularExpressions.Regex.Match(phrase, @"(?<![0-9])(1[89][0-9]{2}|2[01][0-9]{2})(?![0-9])");
        if (!year.Success || time.IsUnknown || time.Candidates.Any(c => c.From.Year <= int.Parse(year.Value, System.Globalization.CultureInfo.InvariantCulture) && int.Parse(year.Value, System.Globalization.CultureInfo.InvariantCulture) <= c.To.Year))
        {
            return time;
        }
        var yearWord = System.Text.RegularExpressions.Regex.Match(phrase, @"(عام|سنة|العام|year)\s+" + year.Value);
        var from = yearWord.Success ? yearWord.Index : year.Index;
        var retry = DateResolver.Resolve(phrase[from..], language, publication, relativeTo);
        return retry.IsUnknown ? time : retry;
    }

    private static List<Token> Tokens(string text, int from, int to)
    {
        var tokens = new List<Token>();
        var i = from;
        while (i < to)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < to && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            // A comma or stop after a word ends the phrase there: "في سبتمبر الماضي، قال" stops at the comma.
            var end = i;
            var closes = end > start && text[end - 1] is '،' or ',' or '.' or ';' or '؛' or ':' or '!' or '?' or '؟';
            var raw = text[start..end];
            tokens.Add(new Token(start, end, RoleOf(raw), DateWords.Tokenize(DateWords.Normalize(raw)) is [var only] && DateWords.IsAny(only, DateWords.After)));
            if (closes)
            {
                tokens.Add(new Token(end, end, Role.None));
            }
        }
        return tokens;
    }

    private static Role RoleOf(string raw)
    {
        var normal = DateWords.Tokenize(DateWords.Normalize(raw));
        if (normal.Length == 0)
        {
            return raw.Trim() is "\\" or "/" or "-" or "–" or "(" or ")" or "[" or "]" ? Role.Separator : Role.None;
        }
        var role = Role.None;
        foreach (var t in normal)
        {
            var r = Single(t);
            if (r == Role.None)
            {
                return Role.None;
            }
            role = r > role ? r : role;
        }
        return role;
    }

    private static Role Single(string t)
    {
        if (DateWords.MonthOf(t) is not null || DateWords.WeekdayOf(t) is not null || DateWords.UnitOf(t) is not null
            || t is "كانون" or "تشرين" || Standalone.Contains(t)
            || DateWords.IsAny(t, DateWords.WeekWords) || DateWords.IsAny(t, DateWords.MonthWords) || DateWords.IsAny(t, DateWords.YearWords)
            || (t.Length == 4 && t.All(char.IsAsciiDigit) && t[0] is '1' or '2'))
        {
            return Role.Anchor;
        }
        if (DateWords.NumberOf(t) is not null || DateWords.IsAny(t, DateWords.Last) || DateWords.IsAny(t, DateWords.Next)
            || DateWords.IsAny(t, DateWords.Ago) || DateWords.IsAny(t, DateWords.After) || DateWords.IsAny(t, DateWords.Approximately) || t is "الثاني" or "الاول" or "م" or "ago" or "the" or "of")
        {
            return Role.Date;
        }
        return Leaders.Contains(t) || DateWords.IsAny(t, Leaders) || DateWords.IsAny(t, DateWords.This) ? Role.Leader : Role.None;
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (end > start && text[end - 1] is '،' or ',' or '.' or ';' or '؛' or ':' or '!' or '?' or '؟' or '“' or '”' or '"')
        {
            end--;
        }
        var phrase = text[start..end];
        // An unbalanced bracket at either edge is punctuation of the sentence, not of the phrase.
        if (phrase.Count(c => c == '(') < phrase.Count(c => c == ')') && text[end - 1] == ')')
        {
            end--;
        }
        if (text[start] is '(' or '[' && phrase.Count(c => c is '(' or '[') > phrase.Count(c => c is ')' or ']'))
        {
            start++;
        }
        return (start, end);
    }
}
