using System.Globalization;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Scoring;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Drafting;

/// <summary>
/// Reads an article into a draft import file: the source, and for each sentence that reports
/// something a claim marked "proposed" with the cues that produced it. Nothing here is a judgement:
/// the confidence is F/6 ("cannot be judged") until the analyst grades it.
/// </summary>
internal static class Drafter
{
    private static readonly HashSet<string> ContextKinds = new(StringComparer.Ordinal) { "policy", "procurement", "media-coverage", "assessment" };

    public static ImportDocument Draft(string text, DraftOptions options)
    {
        var language = options.Language ?? (text.Count(WordForms.IsArabicLetter) >= text.Count(char.IsAsciiLetter) ? "ar" : "en");
        var sentences = Sentences.Split(text);
        var read = sentences.Select(s => (Sentence: s, Words: WordForms.Words(text, s.Start, s.End))).ToList();
        var dyad = options.Dyad is { } given ? DyadId.Parse(given).ToString() : GuessDyad(read.SelectMany(r => CueLexicon.Countries.Find(r.Words)));
        var sha = SourceText.Sha256Hex(text);
        var sourceId = $"src-{sha[..12]}";
        var publication = options.Published ?? UncertainTime.Unknown;
        var source = new SourceDto(sourceId, options.Outlet ?? "unknown (not given to bt draft)", language,
            sentences.Count > 0 ? Shorten(text[sentences[0].Start..sentences[0].End], 200) : "(empty)", null, text, null, sha,
            options.Published is null ? null : ToDto(options.Published), null);
        var article = $"source article {sourceId} ({options.Outlet ?? "outlet not given"})";

        var claims = new List<ClaimDto>();
        var stemSets = new List<(HashSet<string> Stems, int Claim)>();
        DatePhrase? narrative = null;
        string? lastSpeaker = null;
        var lastParagraph = -1;
        foreach (var (sentence, words) in read)
        {
            if (sentence.Paragraph != lastParagraph)
            {
                lastSpeaker = null;
                lastParagraph = sentence.Paragraph;
            }
            var quote = text[sentence.Start..sentence.End];
            var stems = words.Select(w => w.Stem).ToHashSet(StringComparer.Ordinal);
            if (words.Count >= 6 && stemSets.FirstOrDefault(s => Similarity(s.Stems, stems) >= 0.6) is { Stems: not null } repeated)
            {
                // The same passage told again (word for word or in other words): one claim, one more quote.
                var earlier = claims[repeated.Claim];
                claims[repeated.Claim] = earlier with
                {
                    Quotes = [.. earlier.Quotes!, new QuoteDto(sentence.Start, sentence.End, quote)],
                    Cue = $"{earlier.Cue}; repeated at [{sentence.Start}, {sentence.End})",
                };
                continue;
            }
            var reading = Read(text, sentence, words, language, publication, lastSpeaker, options.KnownActors);
            if (reading.Speaker is not null)
            {
                lastSpeaker = reading.Speaker;
            }
            if (reading.Kind is null || words.Count < 3)
            {
                continue;
            }
            var cues = new List<string>(reading.Cues);
            TimeDto? occurred = null;
            if (reading.Date is { } date)
            {
                occurred = ToDto(date.Time);
                cues.Add($"date «{date.Text}» at [{date.Start}, {date.End})");
                if (!ContextKinds.Contains(reading.Kind))
                {
                    narrative = date;
                }
            }
            else if (reading.Kind == "assessment" && options.Published is not null)
            {
                occurred = ToDto(new UncertainTime(null, null, publication.Candidates.Select(c => c with { Method = ResolutionMethod.RelativeToPublication, Anchor = "publication", Reason = "an assessment made at publication" }).ToList(), []));
                cues.Add("date: an assessment, made at publication");
            }
            else if (narrative is not null && !ContextKinds.Contains(reading.Kind))
            {
                occurred = ToDto(narrative.Time) with
                {
                    Phrase = null,
                    Findings = [$"no date words in this sentence: the article's last date «{narrative.Text}» at [{narrative.Start}, {narrative.End}) carried forward; check it"],
                };
                cues.Add($"date carried from «{narrative.Text}» at [{narrative.Start}, {narrative.End})");
            }
            var info = ClaimKinds.Get(reading.Kind);
            var id = $"{sourceId}-c{claims.Count + 1:00}";
            stemSets.Add((stems, claims.Count));
            claims.Add(new ClaimDto(
                id, sourceId, null, reading.Kind,
                $"Drafted, to review: {info.Meaning} (CAMEO {info.Cameo}), read from «{Shorten(quote, 90)}»",
                Kebab.Format(reading.Modality),
                reading.Actors, null, occurred,
                [new AttributionDto(article, "source"), .. reading.Links],
                [new QuoteDto(sentence.Start, sentence.End, quote)],
                new ConfidenceDto("F", 6, null), null,
                "Drafted by bt draft: kind, modality, actors, date and attribution are proposals; grade the confidence.",
                Proposed: true, Cue: string.Join("; ", cues)));
        }
        return new ImportDocument(null, 1, dyad, "bt draft", [source], [], claims, [], []);
    }

    private sealed record Reading(string? Kind, Domain.Claims.Modality Modality, List<ActorDto> Actors, List<AttributionDto> Links, DatePhrase? Date, string? Speaker, List<string> Cues);

    private static Reading Read(string text, Sentence sentence, List<Word> words, string language, UncertainTime publication, string? lastSpeaker, IReadOnlyList<KnownActor> known)
    {
        var cues = new List<string>();
        string Said(CueHit hit) => $"«{text[words[hit.FirstWord].Start..words[hit.LastWord].End]}»";

        var kindHits = CueLexicon.Kinds.Find(words);
        var kindHit = kindHits.OrderBy(h => Array.IndexOf(CueLexicon.KindPriority, h.Value)).FirstOrDefault();
        var modalityHits = CueLexicon.Modalities.Find(words);
        var opinionSpeaker = CueLexicon.OpinionSpeakers.Find(words).FirstOrDefault();
        var according = CueLexicon.AccordingTo.Find(words);
        var saying = CueLexicon.Saying.Find(words);

        string? kind = kindHit?.Value;
        if (kindHit is not null)
        {
            cues.Add($"kind {Said(kindHit)} → {kindHit.Value}");
        }
        var opinion = modalityHits.FirstOrDefault(h => h.Value == "opinion") ?? (saying.Count > 0 ? opinionSpeaker : null);
        if (opinion is not null && kind is null or "statement" or "policy" or "media-coverage")
        {
            kind = "assessment";
            cues.Add($"kind {Said(opinion)} → assessment");
        }

        var links = new List<AttributionDto>();
        foreach (var hit in according)
        {
            if (NameAfter(text, words, hit.LastWord, sentence.End, 8) is { } name)
            {
                links.Add(new AttributionDto(name, LinkKind(text, name)));
                cues.Add($"attribution {Said(hit)} → {name}");
            }
        }
        string? speaker = null;
        foreach (var hit in saying)
        {
            speaker = language == "en" ? NameBefore(text, words, hit.FirstWord, sentence.Start) : NameAfter(text, words, hit.LastWord, sentence.End, 6);
            if (speaker is null && lastSpeaker is not null)
            {
                speaker = lastSpeaker;
                cues.Add($"attribution {Said(hit)} → {speaker} (the paragraph's last speaker)");
            }
            else if (speaker is not null)
            {
                cues.Add($"attribution {Said(hit)} → {speaker}");
            }
            if (speaker is not null && !links.Any(l => l.Name == speaker))
            {
                links.Add(new AttributionDto(speaker, LinkKind(text, speaker) is var k && k == "outlet" ? "outlet" : k == "agency" ? "agency" : k == "organisation" ? "organisation" : k == "unnamed" ? "unnamed" : "speaker"));
            }
            break;
        }
        if (links.Count == 0 && CueLexicon.LinkKinds.Find(words).FirstOrDefault(h => h.Value == "unnamed") is { } unnamed)
        {
            links.Add(new AttributionDto(text[words[unnamed.FirstWord].Start..words[unnamed.LastWord].End], "unnamed"));
            cues.Add($"attribution {Said(unnamed)} → unnamed");
        }

        var modality = Domain.Claims.Modality.Asserted;
        if (modalityHits.FirstOrDefault(h => h.Value == "denial") is { } denial)
        {
            modality = Domain.Claims.Modality.Denial;
            cues.Add($"modality {Said(denial)} → denial");
        }
        else if (modalityHits.FirstOrDefault(h => h.Value == "unconfirmed") is { } unconfirmed)
        {
            modality = Domain.Claims.Modality.Unconfirmed;
            cues.Add($"modality {Said(unconfirmed)} → unconfirmed");
        }
        else if (opinion is not null || kind == "assessment")
        {
            modality = Domain.Claims.Modality.Opinion;
            cues.Add(opinion is null ? "modality: an assessment → opinion" : $"modality {Said(opinion)} → opinion");
        }
        else if (links.Count > 0)
        {
            modality = Domain.Claims.Modality.Reported;
            cues.Add("modality: attributed → reported");
        }

        var actors = Actors(text, words, text[sentence.Start..sentence.End], known);
        var date = DatePhrases.Find(text, sentence, language, publication).FirstOrDefault();
        return new Reading(kind, modality, actors, links, date, speaker, cues);
    }

    private static List<ActorDto> Actors(string text, List<Word> words, string sentence, IReadOnlyList<KnownActor> known)
    {
        var actors = known.Where(k => k.Name.Length > 2 && sentence.Contains(k.Name, StringComparison.Ordinal))
            .Select(k => new ActorDto(k.Name, "participant", k.Country, k.Title, k.Level)).ToList();
        var countries = CueLexicon.Countries.Find(words);
        foreach (var title in CueLexicon.Titles.Find(words))
        {
            var parts = title.Value.Split('|');
            var country = countries.FirstOrDefault(c => c.FirstWord > title.LastWord && c.FirstWord <= title.LastWord + 3);
            var last = country?.LastWord ?? title.LastWord;
            var name = text[words[title.FirstWord].Start..words[last].End];
            if (actors.Any(a => a.Name!.Contains(name, StringComparison.Ordinal)))
            {
                continue;
            }
            actors.Add(new ActorDto(name, "participant", country?.Value.Split('|')[0], country is null ? parts[0] : $"{parts[0]} of {country.Value.Split('|')[1]}", parts[1]));
        }
        if (actors.Count == 0)
        {
            foreach (var country in countries.Select(c => c.Value).Distinct().Take(3))
            {
                var parts = country.Split('|');
                actors.Add(new ActorDto($"Government of {parts[1]}", "mentioned", parts[0], null, "organisation"));
            }
        }
        return actors;
    }

    /// <summary>The words after a cue up to the first comma, colon, quotation or clause word: who is cited.</summary>
    private static string? NameAfter(string text, List<Word> words, int cueWord, int sentenceEnd, int max)
    {
        var first = cueWord + 1;
        if (first >= words.Count)
        {
            return null;
        }
        var last = -1;
        for (var k = first; k < words.Count && k < first + max; k++)
        {
            var between = text[words[k - 1].End..words[k].Start];
            if (k > first && between.IndexOfAny([',', '،', ':', '“', '"', '(', '.', '؛']) >= 0)
            {
                break;
            }
            if (k == first && between.IndexOfAny([':', '“', '"']) >= 0)
            {
                return null;
            }
            var stem = words[k].Stem;
            if (k == first ? ClauseWords.Contains(stem) : ClauseWords.Contains(stem) || Prepositions.Contains(stem))
            {
                break;
            }
            last = k;
        }
        return last < first ? null : text[words[first].Start..words[last].End];
    }

    /// <summary>English: the words before "said" back to the sentence start or a comma.</summary>
    private static string? NameBefore(string text, List<Word> words, int cueWord, int sentenceStart)
    {
        var first = -1;
        for (var k = cueWord - 1; k >= 0 && k >= cueWord - 5; k--)
        {
            var after = text[words[k].End..words[k + 1].Start];
            if (after.IndexOfAny([',', ':', '"', '“', '”']) >= 0)
            {
                break;
            }
            if (ClauseWords.Contains(words[k].Stem))
            {
                break;
            }
            first = k;
        }
        return first < 0 ? null : text[words[first].Start..words[cueWord - 1].End];
    }

    private static readonly HashSet<string> ClauseWords = new(
        new[] { "إن", "أن", "ان", "بأن", "فإن", "إنه", "أنه", "انه", "متابعا", "متابعاً", "أيضا", "أيضاً", "that", "it", "he", "she", "they", "we", "and", "but" }.Select(WordForms.Stem),
        StringComparer.Ordinal);

    private static readonly HashSet<string> Prepositions = new(
        new[] { "في", "على", "إلى", "عن", "من", "مع", "لـ", "حول", "خلال", "بشأن", "بعد", "قبل", "لوسائل", "لموقع", "in", "on", "to", "at", "from", "with", "about", "after", "before" }.Select(WordForms.Stem),
        StringComparer.Ordinal);

    private static string LinkKind(string text, string name)
    {
        var words = WordForms.Words(name, 0, name.Length);
        var hit = CueLexicon.LinkKinds.Find(words).FirstOrDefault();
        if (hit is not null)
        {
            return hit.Value;
        }
        return CueLexicon.Titles.Find(words).Count > 0 ? "speaker" : "speaker";
    }

    private static string GuessDyad(IEnumerable<CueHit> countries)
    {
        var top = countries.GroupBy(c => c.Value.Split('|')[0]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(2).Select(g => g.Key).ToList();
        if (top.Count < 2)
        {
            throw new Validation.InputRejectedException("dyad", $"the article names {(top.Count == 0 ? "no country" : "one country only")} the drafter knows; give the two countries with --dyad XXX-YYY");
        }
        return DyadId.Parse($"{top[0]}-{top[1]}").ToString();
    }

    private static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        var shared = a.Count(b.Contains);
        return shared == 0 ? 0 : (double)shared / (a.Count + b.Count - shared);
    }

    internal static TimeDto ToDto(UncertainTime time) => new(
        time.Phrase, time.Language,
        time.Candidates.Select(c => new CandidateDto(
            c.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Kebab.Format(c.Precision), Kebab.Format(c.Method), c.Anchor, c.Reason)).ToList(),
        time.Findings.ToList());

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
