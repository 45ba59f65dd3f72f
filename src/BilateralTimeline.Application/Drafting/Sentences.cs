namespace BilateralTimeline.Application.Drafting;

/// <summary>A sentence of the article: text[Start..End), trimmed, and the paragraph (line) it is in.</summary>
internal readonly record struct Sentence(int Start, int End, int Paragraph);

/// <summary>
/// Splits an article at line breaks and at Latin and Arabic sentence ends (. ! ? ؟ and the ellipsis)
/// followed by a space or a line end; a full stop between digits or inside an abbreviation (U.S.) does
/// not end a sentence. Offsets are UTF-16 code units into the unchanged text.
/// </summary>
internal static class Sentences
{
    public static List<Sentence> Split(string text)
    {
        var sentences = new List<Sentence>();
        var paragraph = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var atEnd = i == text.Length;
            if (!atEnd && text[i] is '\n' or '\r')
            {
                Add(text, start, i, paragraph, sentences);
                if (text[i] == '\n')
                {
                    paragraph++;
                }
                start = i + 1;
                continue;
            }
            if (atEnd)
            {
                Add(text, start, i, paragraph, sentences);
                break;
            }
            if (text[i] is '.' or '!' or '?' or '؟' or '…' && EndsSentence(text, i))
            {
                var end = i + 1;
                // A closing quotation mark or bracket right after the stop belongs to the sentence.
                while (end < text.Length && text[end] is '”' or '"' or '»' or ')' or '’')
                {
                    end++;
                }
                Add(text, start, end, paragraph, sentences);
                start = end;
                i = end - 1;
            }
        }
        return sentences;
    }

    private static bool EndsSentence(string text, int i)
    {
        var next = i + 1 < text.Length ? text[i + 1] : '\n';
        if (text[i] == '.' && i > 0 && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(next))
        {
            return false;
        }
        if (text[i] == '.' && i >= 2 && char.IsAsciiLetterUpper(text[i - 1]) && (text[i - 2] == '.' || char.IsWhiteSpace(text[i - 2])))
        {
            return false;
        }
        return char.IsWhiteSpace(next) || next is '”' or '"' or '»' or ')' or '’';
    }

    private static void Add(string text, int start, int end, int paragraph, List<Sentence> sentences)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        if (end > start && text.AsSpan(start, end - start).ContainsAnyExcept(" \t\u00A0.!?؟…-–—*=×"))
        {
            sentences.Add(new Sentence(start, end, paragraph));
        }
    }
}
