using BilateralTimeline.Application.Dates;
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
                anchored |= tokens[j].Role == Role.Anchor;
                if (tokens[j].Role is Role.Anchor or Role.Date)
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
                var time = DateResolver.Resolve(phrase, language, publication, relativeTo);
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

    private readonly record struct Token(int Start, int End, Role Role);

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
            tokens.Add(new Token(start, end, RoleOf(text[start..end])));
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
