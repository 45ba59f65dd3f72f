namespace BilateralTimeline.Application.Drafting;

/// <summary>A lexicon entry found in a sentence: its words (as the lexicon writes them), what it signals, and the article words it covers.</summary>
internal sealed record CueHit(string Entry, string Value, int FirstWord, int LastWord);

/// <summary>
/// Phrases keyed by the stems of their words, so an entry written once in its dictionary form matches
/// the article's inflected and prefixed forms; a longer phrase wins over a shorter one at the same word.
/// An entry written with a leading '=' matches that one form only: "=claimed" is the verb, never the noun
/// "claims", which stems alike.
/// </summary>
internal sealed class CueTable
{
    private readonly Dictionary<string, List<(string[] Stems, string Entry, string Value)>> _byFirst = new(StringComparer.Ordinal);

    private readonly HashSet<string> _never;

    public CueTable(IEnumerable<(string Value, string[] Entries)> groups, HashSet<string>? never = null)
    {
        _never = never ?? [];
        foreach (var (value, entries) in groups)
        {
            foreach (var written in entries)
            {
                var exact = written.StartsWith('=');
                var entry = exact ? written[1..] : written;
                var stems = WordForms.Words(entry, 0, entry.Length).Select(w => exact ? "=" + w.Form : w.Stem).ToArray();
                if (stems.Length == 0)
                {
                    continue;
                }
                if (!_byFirst.TryGetValue(stems[0], out var list))
                {
                    _byFirst[stems[0]] = list = [];
                }
                list.Add((stems, entry, value));
            }
        }
        foreach (var list in _byFirst.Values)
        {
            list.Sort((a, b) => b.Stems.Length.CompareTo(a.Stems.Length));
        }
    }

    public List<CueHit> Find(IReadOnlyList<Word> words)
    {
        var hits = new List<CueHit>();
        for (var i = 0; i < words.Count; i++)
        {
            if (_never.Count > 0 && _never.Contains(words[i].Form))
            {
                continue;
            }
            var byStem = _byFirst.GetValueOrDefault(words[i].Stem) ?? [];
            var byForm = _byFirst.GetValueOrDefault("=" + words[i].Form) ?? [];
            foreach (var (stems, entry, value) in byForm.Concat(byStem).OrderByDescending(c => c.Stems.Length))
            {
                if (i + stems.Length <= words.Count && Matches(words, i, stems))
                {
                    hits.Add(new CueHit(entry, value, i, i + stems.Length - 1));
                    break;
                }
            }
        }
        return hits;
    }

    private static bool Matches(IReadOnlyList<Word> words, int at, string[] stems)
    {
        for (var k = 0; k < stems.Length; k++)
        {
            var word = words[at + k];
            if (!string.Equals(word.Stem, stems[k], StringComparison.Ordinal) && !string.Equals("=" + word.Form, stems[k], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
