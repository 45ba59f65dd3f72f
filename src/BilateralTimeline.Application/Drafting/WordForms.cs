using Lucene.Net.Analysis.Ar;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace BilateralTimeline.Application.Drafting;

/// <summary>
/// One word of an article with where it stands, and the form the cue lexicon is keyed by: Arabic
/// through Lucene's Arabic normaliser (alef forms, yaa, taa marbuta, tatweel, diacritics) and light
/// stemmer (article and conjunction prefixes, common suffixes); Latin words lower-cased and through
/// the Snowball English stemmer. So زيارته, الزيارة and وزيارة all meet the entry زيارة.
/// </summary>
/// <summary>A word of the article: its span, its stem (what lexicon entries match), and its lower-case form (for entries that must match one inflection only).</summary>
internal readonly record struct Word(int Start, int End, string Stem, string Form = "");

internal static class WordForms
{
    private static readonly ArabicNormalizer Normalizer = new();
    private static readonly ArabicStemmer Stemmer = new();

    public static bool IsArabicLetter(char c) => c is >= '\u0600' and <= '\u06FF' && char.IsLetter(c);

    public static string Stem(string word)
    {
        if (word.Length == 0)
        {
            return word;
        }
        if (word.Any(IsArabicLetter))
        {
            var buffer = TaaBeforeSuffix(word).ToCharArray();
            var length = Normalizer.Normalize(buffer, buffer.Length);
            length = Stemmer.StemPrefix(buffer, length);
            // A suffix is taken off only when three letters remain: أدى and أدان must not meet at "اد".
            var stemmed = Stemmer.StemSuffix(buffer, length);
            length = stemmed >= 3 ? stemmed : length;
            // Persian letters that Arabic copy of Iranian sources keeps (ی ک) fold to their Arabic forms.
            return new string(buffer, 0, length).Replace('ی', 'ي').Replace('ک', 'ك');
        }
        // The stemmer is not thread-safe; a fresh one per word costs little next to the words it reads.
        var english = new EnglishStemmer();
        english.SetCurrent(word.ToLowerInvariant());
        english.Stem();
        return english.Current;
    }

    private static readonly string[] PronounSuffixes = ["هما", "هم", "ها", "ه", "نا", "كم", "ك"];

    /// <summary>
    /// Taa marbuta is written ت before a pronoun suffix (زيارة, زيارته "his visit"); restored, the
    /// stemmer then takes زيارته to the stem of زيارة.
    /// </summary>
    private static string TaaBeforeSuffix(string word)
    {
        foreach (var suffix in PronounSuffixes)
        {
            var taa = word.Length - suffix.Length - 1;
            if (taa >= 3 && word.EndsWith(suffix, StringComparison.Ordinal) && word[taa] == 'ت' && word[taa - 1] is 'ا' or 'ي' or 'ر' or 'ل' or 'ن' or 'م' or 'ق' or 'ع' or 'د' or 'ب')
            {
                return word[..taa] + "ة";
            }
        }
        return word;
    }

    /// <summary>The words of text[from..to): runs of letters and digits (a hyphen or apostrophe inside a Latin word kept).</summary>
    public static List<Word> Words(string text, int from, int to)
    {
        var words = new List<Word>();
        var i = from;
        while (i < to)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < to && (char.IsLetterOrDigit(text[i]) || IsMark(text[i]) || (text[i] is '-' or '\'' && i + 1 < to && char.IsAsciiLetter(text[i + 1]) && i > start && char.IsAsciiLetter(text[i - 1]))))
            {
                i++;
            }
            words.Add(new Word(start, i, Stem(text[start..i]), text[start..i].ToLowerInvariant()));
        }
        return words;
    }

    // Diacritics and tatweel sit inside Arabic words; they are not letters but must not split them.
    private static bool IsMark(char c) => c is '\u0640' or (>= '\u064B' and <= '\u065F') or '\u0670' or (>= '\u0610' and <= '\u061A') or '\u200C' or '\u200D';
}
