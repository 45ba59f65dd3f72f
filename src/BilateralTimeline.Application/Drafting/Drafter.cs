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
    // Standing postures and opinions: neither dated by the story's last date nor dating what follows.
    private static readonly HashSet<string> ContextKinds = new(StringComparer.Ordinal) { "policy", "procurement", "assessment" };

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
        List<AttributionDto> paragraphLinks = [];
        var lastParagraph = -1;
        foreach (var (sentence, words) in read)
        {
            if (sentence.Paragraph != lastParagraph)
            {
                // A paragraph opening with a verb of saying and no subject ("وزعم أن …", "He added") goes on with the
                // previous paragraph's last speaker; any other opening drops it.
                lastSpeaker = CueLexicon.Saying.Find(words.GetRange(0, Math.Min(1, words.Count))).Count > 0 ? lastSpeaker : null;
                paragraphLinks = [];
                lastParagraph = sentence.Paragraph;
            }
            if (words.Count < 3)
            {
                continue;
            }
            var attribution = Attribution(text, sentence, words, language, lastSpeaker);
            if (attribution.Speaker is not null)
            {
                lastSpeaker = attribution.Speaker;
            }
            var priorLinks = paragraphLinks;
            var links = attribution.Links;
            var linkCues = attribution.Cues;
            if (attribution.Carried && paragraphLinks.Count > 0)
            {
                links = paragraphLinks;
            }
            else if (links.Count > 0)
            {
                paragraphLinks = links;
            }
            else if (paragraphLinks.Count > 0)
            {
                // A paragraph that opens with "according to X" or "X said" goes on in X's voice.
                links = paragraphLinks;
                linkCues = [$"attribution carried from the paragraph: {string.Join(" → ", links.Select(l => l.Name))}"];
            }
            // "after 18 months" counts from the last event told, when there is one.
            var dates = DatePhrases.Find(text, sentence, language, publication, narrative?.Time);
            var sentenceKinds = CueLexicon.Kinds.Find(words);
            var found = Clauses(text, words, attribution.Covered, dates)
                .Select(c => c with { Kind = SaidOrDone(text, words, c, sentenceKinds, attribution.Covered) }).ToList();
            found = MergeSpeechActs(words, found);
            var contrast = ClauseRules.OpensWithContrast(text, words);
            string? performer = null;
            for (var ci = 0; ci < found.Count; ci++)
            {
                var clause = found[ci];
                var (start, end) = TrimPunctuation(text, words[clause.First].Start, words[clause.Last].End);
                var quote = text[start..end];
                var clauseWords = words.GetRange(clause.First, clause.Last - clause.First + 1);
                var stems = clauseWords.Select(w => w.Stem).ToHashSet(StringComparer.Ordinal);
                if (clauseWords.Count >= 6 && stemSets.FirstOrDefault(x => Similarity(x.Stems, stems) >= 0.6) is { Stems: not null } repeated)
                {
                    // The same passage told again (word for word or in other words): one claim, one more quote.
                    var earlier = claims[repeated.Claim];
                    // A headline retold in the body: the body's date phrase dates the claim the headline had no date phrase for.
                    var retoldDate = earlier.Occurred?.Phrase is null ? dates.FirstOrDefault(d => d.Start >= start && d.End <= end) : null;
                    claims[repeated.Claim] = earlier with
                    {
                        Quotes = [.. earlier.Quotes!, new QuoteDto(start, end, quote)],
                        Occurred = retoldDate is null ? earlier.Occurred : ToDto(retoldDate.Time),
                        Cue = $"{earlier.Cue}; told again at [{start}, {end}){(retoldDate is null ? "" : $"; date «{retoldDate.Text}» at [{retoldDate.Start}, {retoldDate.End}) from the retelling")}",
                    };
                    if (retoldDate is not null && !Forward(retoldDate))
                    {
                        narrative = retoldDate;
                    }
                    continue;
                }
                var clauseLinks = links;
                var clauseLinkCues = linkCues;
                if (clause.Last < attribution.ScopeFrom)
                {
                    // "… the embassy, which the authorities announced …": the speaker of a relative clause says only that clause.
                    clauseLinks = priorLinks;
                    clauseLinkCues = [$"attribution: «{attribution.Speaker}» speaks only from its relative clause on"];
                }
                else if (contrast && ci > 0 && links.Count > 0)
                {
                    clauseLinks = priorLinks;
                    clauseLinkCues = ["attribution: the clause after a contrast («while X said …, Y») is the article's own voice"];
                }
                if (clauseLinks.Count == 0 && CueLexicon.LinkKinds.Find(clauseWords).FirstOrDefault(h => h.Value == "unnamed") is { } unnamed)
                {
                    // "Reports say", "sources in Baku": the clause that names them, not its neighbours.
                    var named = text[clauseWords[unnamed.FirstWord].Start..clauseWords[unnamed.LastWord].End];
                    clauseLinks = [new AttributionDto(named, "unnamed")];
                    clauseLinkCues = [.. clauseLinkCues, $"attribution «{named}» → unnamed"];
                }
                var opinionSpeaker = attribution.OpinionSpeaker;
                var subjectCue = (string?)null;
                if (SpeechActs.Contains(clause.Kind.Value) && clause.Kind.Entry.Length > 0
                    && !(clause.Kind.Value == "statement" && IsNounForm(text[words[clause.Kind.FirstWord].Start..words[clause.Kind.FirstWord].End]))
                    && Subject(text, words, clause.Kind, language) is { } subject
                    && !links.Any(l => l.Name!.Contains(text[words[subject.First].Start..words[subject.Last].End], StringComparison.Ordinal)
                        || text[words[subject.First].Start..words[subject.Last].End].Contains(l.Name!, StringComparison.Ordinal)))
                {
                    var who = text[words[subject.First].Start..words[subject.Last].End];
                    var subjectWords = words.GetRange(subject.First, subject.Last - subject.First + 1);
                    opinionSpeaker |= CueLexicon.OpinionSpeakers.Find(subjectWords).Count > 0;
                    if (!clauseLinks.Any(l => l.Name == who))
                    {
                        clauseLinks = [.. clauseLinks, new AttributionDto(who, LinkKind(who))];
                    }
                    lastSpeaker = who;
                    performer = who;
                    subjectCue = $"attribution: «{who}» performs the {clause.Kind.Value}";
                }
                else if (SpeechActs.Contains(clause.Kind.Value) && clause.Kind.Value != "statement" && LeadsClause(words, clause) && ci > 0
                    && performer is not null && !clauseLinks.Any(l => l.Name == performer))
                {
                    // "Baku rejects these concerns and accuses Iran …": a coordinated verb with no subject of its own shares the one before.
                    clauseLinks = [.. clauseLinks, new AttributionDto(performer, LinkKind(performer))];
                    subjectCue = $"attribution: «{performer}», the subject of the clause before, performs the {clause.Kind.Value}";
                }
                // A verb of modality governs its own clause and those after it ("he claimed that X, and Y"); a noun
                // ("the allegations", "unconfirmed reports") only its own clause.
                // A coordinated predicate of another kind ("denied the report and called for an inquiry") is not under that verb.
                var ownPredicate = ci > 0 && LeadsClause(words, clause) && !IsWeak(clause.Kind);
                var modalityHits = CueLexicon.Modalities.Find(words)
                    .Where(h => h.FirstWord <= clause.Last && (h.FirstWord >= clause.First || (!ownPredicate && CueLexicon.ScopingModalities.Contains(h.Entry))))
                    .Select(h => h with { Entry = text[words[h.FirstWord].Start..words[h.LastWord].End] }).ToList();
                var (kindHit, refinement) = Refine(text, words, clause, sentenceKinds);
                var reading = Read(text, clauseWords, kindHit, modalityHits, clauseLinks.Count > 0, opinionSpeaker, quote, options.KnownActors);
                var cues = new List<string>(reading.Cues);
                if (refinement is not null)
                {
                    cues.Insert(1, refinement);
                }
                cues.AddRange(clauseLinkCues);
                if (subjectCue is not null)
                {
                    cues.Add(subjectCue);
                }
                TimeDto? occurred = null;
                var date = dates.FirstOrDefault(d => d.Start >= start && d.End <= end) ?? (dates.Count == 1 ? dates[0] : null);
                if (date is not null && reading.Kind != "assessment")
                {
                    occurred = ToDto(date.Time);
                    cues.Add($"date «{date.Text}» at [{date.Start}, {date.End})");
                    // An event told in passing ("under the agreement signed last September") does not move the story's time.
                    if (!ContextKinds.Contains(reading.Kind) && !clause.Aside && !Forward(date))
                    {
                        narrative = date;
                    }
                }
                else if (reading.Kind == "assessment" && options.Published is not null)
                {
                    occurred = AtPublication(publication, "an assessment made at publication");
                    cues.Add("date: an assessment, made at publication");
                }
                else if (CueLexicon.PresentTense.Contains(clause.Kind.Entry) && options.Published is not null)
                {
                    occurred = AtPublication(publication, "a present-tense verb: so at the time of writing");
                    cues.Add($"date: «{clause.Kind.Entry}» is present tense → the time of writing");
                }
                else if (narrative is not null && !ContextKinds.Contains(reading.Kind))
                {
                    occurred = ToDto(narrative.Time) with
                    {
                        Phrase = null,
                        Findings = [$"no date words here: the article's last date «{narrative.Text}» at [{narrative.Start}, {narrative.End}) carried forward; check it"],
                    };
                    cues.Add($"date carried from «{narrative.Text}» at [{narrative.Start}, {narrative.End})");
                }
                else if (narrative is null && options.Published is not null && !ContextKinds.Contains(reading.Kind))
                {
                    // News with no date of its own and none told before it is news of the day it was published.
                    occurred = AtPublication(publication, "no date words and none before: reported as of the publication");
                    cues.Add("date: none in the article yet → the publication; check it");
                }
                var info = ClaimKinds.Get(reading.Kind);
                var id = $"{sourceId}-c{claims.Count + 1:00}";
                stemSets.Add((stems, claims.Count));
                claims.Add(new ClaimDto(
                    id, sourceId, null, reading.Kind,
                    $"Drafted, to review: {info.Meaning} (CAMEO {info.Cameo}), read from «{Shorten(quote, 90)}»",
                    Kebab.Format(reading.Modality),
                    reading.Actors, null, occurred,
                    [new AttributionDto(article, "source"), .. clauseLinks],
                    [new QuoteDto(start, end, quote)],
                    new ConfidenceDto("F", 6, null), null,
                    "Drafted by bt draft: kind, modality, actors, date and attribution are proposals; grade the confidence.",
                    Proposed: true, Cue: string.Join("; ", cues)));
            }
        }
        return new ImportDocument(null, 1, dyad, "bt draft", [source], [], claims, [], []);
    }

    private sealed record Reading(string Kind, Domain.Claims.Modality Modality, List<ActorDto> Actors, List<string> Cues);

    private sealed record SentenceAttribution(List<AttributionDto> Links, string? Speaker, bool OpinionSpeaker, HashSet<int> Covered, List<string> Cues, bool Carried, int ScopeFrom);

    private static readonly HashSet<string> SayingVerbs = new(
        ["قال", "قالت", "أضاف", "أضافت", "أكد", "أكدت", "صرح", "صرحت", "أعلن", "أعلنت", "أشار", "أشارت", "وصف", "شدد", "يقول", "تقول", "يؤكد", "تؤكد"], StringComparer.Ordinal);

    private static readonly HashSet<string> RelativePronouns = new(StringComparer.Ordinal) { "التي", "الذي", "الذين", "which", "who" };

    private readonly record struct Clause(int First, int Last, CueHit Kind, bool Aside = false);

    /// <summary>
    /// Who the sentence is attributed to: "according to X" links, then the speaker of a verb of saying
    /// (the paragraph's last speaker when the verb has no subject of its own). The words naming them
    /// are not read for kinds: "according to the defence ministry" is not a defence event.
    /// </summary>
    private static SentenceAttribution Attribution(string text, Sentence sentence, List<Word> words, string language, string? lastSpeaker)
    {
        var cues = new List<string>();
        var covered = new HashSet<int>();
        var links = new List<AttributionDto>();
        foreach (var hit in CueLexicon.AccordingTo.Find(words))
        {
            covered.UnionWith(Enumerable.Range(hit.FirstWord, hit.LastWord - hit.FirstWord + 1));
            if (NameAfter(text, words, hit.LastWord, 8) is { } name)
            {
                covered.UnionWith(Enumerable.Range(name.First, name.Last - name.First + 1));
                var named = text[words[name.First].Start..words[name.Last].End];
                links.Add(new AttributionDto(named, LinkKind(named)));
                cues.Add($"attribution «{text[words[hit.FirstWord].Start..words[hit.LastWord].End]}» → {named}");
            }
        }
        string? speaker = null;
        var opinionSpeaker = false;
        var carried = false;
        var scopeFrom = 0;
        // A plural or definite noun (إشارات "signals", التصريحات) shares its stem with a verb of saying but says nothing.
        // In English the stem meets nouns too ("the state news agency" and "stated"): the verb's own form is required.
        if (CueLexicon.Saying.Find(words).FirstOrDefault(h => language == "en"
                ? string.Equals(text[words[h.FirstWord].Start..words[h.LastWord].End], h.Entry, StringComparison.OrdinalIgnoreCase)
                : !IsNounForm(text[words[h.FirstWord].Start..words[h.FirstWord].End])) is { } said)
        {
            var name = language == "en" ? NameBefore(text, words, said.FirstWord) : NameAfter(text, words, said.LastWord, 6);
            // English inverts the tag after a quotation ('"…," said Jane Doe, an analyst'): the speaker follows,
            // and the apposition after the name says what the speaker is.
            var inverted = language == "en" && name is null && said.FirstWord > 0
                && text[words[said.FirstWord - 1].End..words[said.FirstWord].Start].IndexOfAny(['"', '”']) >= 0;
            if (inverted)
            {
                name = NameAfter(text, words, said.LastWord, 6);
            }
            var verb = text[words[said.FirstWord].Start..words[said.LastWord].End];
            if (name is { } n)
            {
                covered.UnionWith(Enumerable.Range(n.First, n.Last - n.First + 1));
                speaker = text[words[n.First].Start..words[n.Last].End];
                opinionSpeaker = CueLexicon.OpinionSpeakers.Find(inverted ? words.GetRange(n.First, words.Count - n.First) : words.GetRange(n.First, n.Last - n.First + 1)).Count > 0;
                cues.Add($"attribution «{verb}» → {speaker}");
            }
            else if (lastSpeaker is not null)
            {
                speaker = lastSpeaker;
                carried = true;
                // An analyst's next sentence ("he claimed that …") is still the analyst's opinion.
                opinionSpeaker = CueLexicon.OpinionSpeakers.Find(WordForms.Words(lastSpeaker, 0, lastSpeaker.Length)).Count > 0;
                cues.Add($"attribution «{verb}» → {speaker} (the paragraph's last speaker)");
            }
            if (speaker is not null && !links.Any(l => l.Name == speaker))
            {
                links.Add(new AttributionDto(speaker, LinkKind(speaker)));
            }
            if (said.FirstWord > 0 && RelativePronouns.Contains(text[words[said.FirstWord - 1].Start..words[said.FirstWord - 1].End].ToLowerInvariant()))
            {
                scopeFrom = said.FirstWord - 1;
            }
        }
        return new SentenceAttribution(links, speaker, opinionSpeaker, covered, cues, carried, scopeFrom);
    }

    /// <summary>
    /// A sentence reporting several things ("met X, then Y"; "Baku rejects these concerns, and accuses
    /// Iran …") is split where a comma, semicolon or clause-opening conjunction separates two parts that
    /// each hold a kind cue; parts without a cue stay with the clause before them (or the first one).
    /// A kind noun after a preposition ("in his meeting with", "after the attack") is context, not the
    /// event of the clause.
    /// </summary>
    private static List<Clause> Clauses(string text, List<Word> words, HashSet<int> covered, List<DatePhrase> dates)
    {
        // بالإضافة ("in addition") shares its stem with أضاف ("he added"): a verb of saying in a noun form says nothing.
        var all = CueLexicon.Kinds.Find(words).Where(h => !covered.Contains(h.FirstWord)
            && !(h.Value == "statement" && SayingVerbs.Contains(h.Entry) && IsNounForm(text[words[h.FirstWord].Start..words[h.FirstWord].End]))).ToList();
        var hits = new List<CueHit>();
        var backReferences = new List<CueHit>();
        var splits = new HashSet<int>();
        foreach (var hit in all)
        {
            if (!IsContext(text, words, hit))
            {
                hits.Add(hit);
            }
            else if (DatedContext(text, words, hit, dates) is { } opening)
            {
                // "Within the framework of the agreement signed last September": an event told in passing with a date of its own is a claim of its own.
                hits.Add(hit);
                splits.Add(opening);
            }
            else if (hit.FirstWord > 0 && Demonstratives.Contains(text[words[hit.FirstWord - 1].Start..words[hit.FirstWord - 1].End].ToLowerInvariant()))
            {
                backReferences.Add(hit);
            }
        }
        foreach (var relation in ClauseRules.Relations.Find(words))
        {
            var inCue = all.Any(h => relation.FirstWord >= h.FirstWord && relation.FirstWord <= h.LastWord);
            var afterPreposition = relation.FirstWord > 0 && (Prepositions.Contains(words[relation.FirstWord - 1].Stem)
                || Demonstratives.Contains(text[words[relation.FirstWord - 1].Start..words[relation.FirstWord - 1].End].ToLowerInvariant()) || ContextWords.Contains(words[relation.FirstWord - 1].Stem) || In.Contains(words[relation.FirstWord - 1].Stem));
            if (!inCue && !afterPreposition && !covered.Contains(relation.FirstWord) && !ClauseRules.UnderTopic(text, words, relation.FirstWord))
            {
                hits.Add(relation);
            }
        }
        hits.Sort((a, b) => a.FirstWord.CompareTo(b.FirstWord));
        var clauses = new List<Clause>();
        int clauseStart = 0;
        CueHit? clauseKind = null;
        var segmentStart = 0;
        for (var k = 0; k <= words.Count; k++)
        {
            var boundary = k == words.Count || (k > 0 && (text[words[k - 1].End..words[k].Start].IndexOfAny(['،', ',', '؛', ';']) >= 0 || splits.Contains(k) || OpensClause(text, words, k, hits)));
            if (!boundary)
            {
                continue;
            }
            var segmentHit = Best(hits.Where(h => h.FirstWord >= segmentStart && h.FirstWord < k));
            if (segmentHit is not null && IsWeak(segmentHit) && k - segmentStart <= 8 && clauseKind is not null
                && CueLexicon.Saying.Find(words.GetRange(segmentStart, k - segmentStart)).Count > 0
                && !RelativePronouns.Contains(text[words[segmentStart].Start..words[segmentStart].End].ToLowerInvariant()))
            {
                // ", the ministry said": a trailing attribution tag belongs to the clause it attributes (", which the
                // ministry announced …" is a clause of its own: its speaker says only that).
                segmentHit = null;
            }
            if (segmentHit is not null && clauseKind is not null && segmentStart > clauseStart)
            {
                clauses.Add(new Clause(clauseStart, segmentStart - 1, clauseKind));
                clauseStart = segmentStart;
                clauseKind = segmentHit;
            }
            else if (segmentHit is not null && (clauseKind is null || Rank(segmentHit) < Rank(clauseKind) && IsWeak(clauseKind)))
            {
                clauseKind = segmentHit;
            }
            segmentStart = k;
        }
        if (clauseKind is not null)
        {
            clauses.Add(new Clause(clauseStart, words.Count - 1, clauseKind));
        }
        else if (CueLexicon.Modalities.Find(words).Any(h => h.Value == "opinion"))
        {
            clauses.Add(new Clause(0, words.Count - 1, new CueHit("", "assessment", 0, 0)));
        }
        for (var c = 0; c < clauses.Count; c++)
        {
            clauses[c] = clauses[c] with { Aside = splits.Contains(clauses[c].First) };
        }
        // "These exercises, held in …, included reconnaissance by aircraft": a clause whose only cues are weak
        // context (a flight, the media) and which points back at an event ("these exercises") goes on telling that event.
        for (var c = 0; c < clauses.Count; c++)
        {
            var clause = clauses[c];
            if (clause.Kind.Value is "movement" or "media-coverage" or "policy"
                && backReferences.FirstOrDefault(h => h.FirstWord >= clause.First && h.FirstWord <= clause.Last && !IsWeak(h)) is { } told)
            {
                clauses[c] = clause with { Kind = told with { Entry = $"{told.Entry} (pointed back at)" } };
            }
        }
        return clauses;
    }

    /// <summary>
    /// A context word ("within the framework of", "after") before a kind word whose own comma-free stretch
    /// holds a date phrase: the word where the clause telling that dated event opens ("في إطار" opens at في).
    /// </summary>
    private static int? DatedContext(string text, List<Word> words, CueHit hit, List<DatePhrase> dates)
    {
        if (hit.FirstWord == 0 || !ContextWords.Contains(words[hit.FirstWord - 1].Stem))
        {
            return null;
        }
        var last = hit.LastWord;
        while (last + 1 < words.Count && text[words[last].End..words[last + 1].Start].IndexOfAny(['،', ',', '؛', ';']) < 0)
        {
            last++;
        }
        if (!dates.Any(d => d.Start >= words[hit.LastWord].End && d.End <= words[last].End + 1))
        {
            return null;
        }
        var opening = hit.FirstWord - 1;
        return opening > 0 && In.Contains(words[opening - 1].Stem) ? opening - 1 : opening;
    }

    /// <summary>The clause opens with its own verb (وتتهم, "and called for"): a coordinated predicate.</summary>
    private static bool LeadsClause(List<Word> words, Clause clause) =>
        clause.Kind.FirstWord == clause.First || (clause.Kind.FirstWord == clause.First + 1 && words[clause.First].Stem is "and" or "then" or "ثم");

    /// <summary>
    /// "Raisi spoke about relations …, and called for deeper trade": a bare statement followed by a coordinated
    /// speech act with no subject of its own is one act of speech, coded as what it does (the appeal, the praise).
    /// </summary>
    private static List<Clause> MergeSpeechActs(List<Word> words, List<Clause> clauses)
    {
        var merged = new List<Clause>(clauses.Count);
        foreach (var clause in clauses)
        {
            if (merged.Count > 0 && merged[^1].Kind.Value == "statement" && SpeechActs.Contains(clause.Kind.Value) && clause.Kind.Value != "statement"
                && LeadsClause(words, clause))
            {
                merged[^1] = new Clause(merged[^1].First, clause.Last, clause.Kind);
                continue;
            }
            merged.Add(clause);
        }
        return merged;
    }

    /// <summary>
    /// Rules that change the kind a clause's cue gives it: a habit is a policy ("has always rejected"), an
    /// expressed hope or readiness ahead of a cooperative act is intent to cooperate ("hopes to sign"), and
    /// travelling with one's counterpart is a meeting.
    /// </summary>
    private static (CueHit Kind, string? Cue) Refine(string text, List<Word> words, Clause clause, List<CueHit> kindHits)
    {
        var kind = clause.Kind;
        if (kind.Entry.Length == 0)
        {
            return (kind, null);
        }
        if (kind.Value is not ("assessment" or "policy" or "fight" or "assault" or "accident") && ClauseRules.Habitual(text, words, kind) is { } habit)
        {
            return (kind with { Value = "policy" }, $"kind: «{habit}» makes «{kind.Entry}» a habit, a standing posture → policy");
        }
        if (ClauseRules.Cooperative.Contains(kind.Value)
            && kindHits.FirstOrDefault(h => h.Value == "intent-to-cooperate" && h.FirstWord >= clause.First && h.LastWord < kind.FirstWord) is { } intent)
        {
            return (kind with { Value = "intent-to-cooperate" }, $"kind: «{intent.Entry}» before «{kind.Entry}»: the intent, not the act → intent-to-cooperate");
        }
        if (kind.Value is "visit" or "movement"
            && ClauseRules.Counterpart.Find(words.GetRange(clause.First, clause.Last - clause.First + 1)).FirstOrDefault() is { } with)
        {
            return (kind with { Value = "meeting" }, $"kind: «{kind.Entry}» «{with.Entry}»: together with the counterpart → meeting");
        }
        return (kind, null);
    }

    /// <summary>The first strong cue of a part (in Arabic and English the main event comes first), else its strongest weak one.</summary>
    private static CueHit? Best(IEnumerable<CueHit> hits)
    {
        var list = hits.ToList();
        return list.Where(h => !IsWeak(h)).OrderBy(h => h.FirstWord).FirstOrDefault() ?? list.OrderBy(Rank).FirstOrDefault();
    }

    private static readonly HashSet<string> WeakKinds = new(StringComparer.Ordinal) { "statement", "media-coverage", "policy", "movement", "intent-to-cooperate", "assessment" };

    private static bool IsNounForm(string raw)
    {
        var bare = raw;
        for (var i = 0; i < 2 && bare.Length > 3 && bare[0] is 'و' or 'ف' or 'ب' or 'ل' or 'ك' && !bare.StartsWith("ال", StringComparison.Ordinal); i++)
        {
            bare = bare[1..];
        }
        // بالإضافة ("in addition") is not أضاف ("he added"), nor إشارات ("signals") أشار.
        return bare.StartsWith("ال", StringComparison.Ordinal) || bare.EndsWith("ات", StringComparison.Ordinal) || bare.EndsWith('ة');
    }

    private static bool IsWeak(CueHit hit) => WeakKinds.Contains(hit.Value);

    private static int Rank(CueHit hit) => Array.IndexOf(CueLexicon.KindPriority, hit.Value);

    // "وتتهم", "ثم", "then": a conjunction opening a clause whose verb is a kind cue.
    private static bool OpensClause(string text, List<Word> words, int k, List<CueHit> hits)
    {
        var raw = text[words[k].Start..words[k].End];
        if (words[k].Stem is "ثم" or "then" or "لكن" or "but")
        {
            return true;
        }
        // "… the embassy, which the authorities announced …": a relative pronoun before a verb of saying opens a clause.
        if (raw is "التي" or "الذي" or "الذين" or "which" or "who" && k + 1 < words.Count && CueLexicon.Saying.Find(words.GetRange(k + 1, 1)).Count > 0)
        {
            return true;
        }
        // "denied the allegation and called for …": English "and" before a verb of another kind.
        if (words[k].Stem == "and" && hits.Any(h => h.FirstWord == k + 1 && !IsWeak(h)))
        {
            return true;
        }
        return ClauseRules.Opens(text, words, k) || (raw.Length > 3 && raw[0] is 'و' or 'ف' && hits.Any(h => h.FirstWord == k && !IsWeak(h)));
    }

    /// <summary>
    /// A clause led by a verb of saying ("he said that …") is the statement, or the speech act it makes
    /// (an appeal, a criticism …); an event told inside it (an exercise, an arrest) is what was said.
    /// </summary>
    private static CueHit SaidOrDone(string text, List<Word> words, Clause clause, List<CueHit> kindHits, HashSet<int> covered)
    {
        var lead = CueLexicon.Saying.Find(words.GetRange(clause.First, Math.Min(2, clause.Last - clause.First + 1)))
            .FirstOrDefault(h => !IsNounForm(text[words[clause.First + h.FirstWord].Start..words[clause.First + h.FirstWord].End]));
        // "The media praised …", "Azerbaijani media deleted …": media as the actor make it a claim about coverage.
        if (kindHits.FirstOrDefault(h => h.Value == "media-coverage" && h.FirstWord >= clause.First && h.FirstWord <= clause.First + 3 && !covered.Contains(h.FirstWord)) is { } media)
        {
            return media;
        }
        if (lead is null || SpeechActs.Contains(clause.Kind.Value))
        {
            return clause.Kind;
        }
        var act = kindHits.Where(h => h.FirstWord >= clause.First && h.FirstWord <= clause.Last && SpeechActs.Contains(h.Value) && h.Value != "statement").OrderBy(h => h.FirstWord).FirstOrDefault();
        // "X said that Y attacked …": an event verb in what was said makes the claim that event, reported.
        if (act is null && ClauseRules.EventVerbs.Contains(clause.Kind.Entry) && clause.Kind.FirstWord > clause.First + lead.LastWord)
        {
            return clause.Kind;
        }
        return act ?? kindHits.FirstOrDefault(h => h.FirstWord == clause.First + lead.FirstWord && h.Value == "statement") ?? new CueHit("(a verb of saying)", "statement", clause.First + lead.FirstWord, clause.First + lead.LastWord);
    }

    private static readonly HashSet<string> ContextWords = new(
        new[] { "خلال", "أثناء", "بعد", "قبل", "إطار", "عقب", "إثر", "منذ", "يتعلق", "بشأن", "حول", "during", "after", "before", "following", "under", "since", "regarding", "about", "concerning" }.Select(WordForms.Stem),
        StringComparer.Ordinal);

    private static readonly HashSet<string> In = new(new[] { "في", "in" }.Select(WordForms.Stem), StringComparer.Ordinal);

    private static readonly HashSet<string> Demonstratives = new(StringComparer.Ordinal)
    {
        "هذه", "هذا", "ذلك", "تلك", "هذين", "هاتين", "لهذه", "لهذا", "بهذه", "بهذا", "وهذه", "وهذا", "فهذه", "فهذا",
        "this", "that", "these", "those", "such",
    };

    private static readonly HashSet<string> ViolentKinds = new(StringComparer.Ordinal) { "accident", "assault", "fight" };

    /// <summary>
    /// A kind word that is not the clause's own event: after "during, after, within the framework of,
    /// regarding" (context), after "in" unless it is violence ("killed in a crash" is the crash), or after
    /// a demonstrative ("this visit", "these exercises"), which points back to an event already told.
    /// </summary>
    private static bool IsContext(string text, List<Word> words, CueHit hit)
    {
        if (hit.FirstWord == 0)
        {
            return false;
        }
        var before = words[hit.FirstWord - 1];
        var raw = text[before.Start..before.End].ToLowerInvariant();
        var own = text[words[hit.FirstWord].Start..words[hit.FirstWord].End];
        if ((hit.Value != "policy" && ClauseRules.IsPurpose(own, hit.Entry, raw)) || ClauseRules.UnderTopic(text, words, hit.FirstWord))
        {
            return true;
        }
        // In Arabic a demonstrative points at a definite noun (هذه الزيارة); before a verb it is another
        // construction (ومع ذلك ترفض, "nevertheless rejects").
        var cue = text[words[hit.FirstWord].Start..words[hit.FirstWord].End];
        var pointsAtIt = Demonstratives.Contains(raw) && (!cue.Any(WordForms.IsArabicLetter) || cue.StartsWith("ال", StringComparison.Ordinal) || cue.StartsWith("وال", StringComparison.Ordinal));
        // وفي, فبعد: the conjunction is too short for the stemmer to take off, so the bare word is read too.
        var bare = raw.Length == 3 && raw[0] is 'و' or 'ف' ? WordForms.Stem(raw[1..]) : before.Stem;
        return ContextWords.Contains(before.Stem) || ContextWords.Contains(bare) || pointsAtIt
            || ((In.Contains(before.Stem) || In.Contains(bare)) && !ViolentKinds.Contains(hit.Value));
    }

    private static readonly HashSet<string> SpeechActs = new(StringComparer.Ordinal)
    {
        "rejection", "accusation", "criticism", "appeal", "praise", "threat", "statement",
    };

    /// <summary>
    /// The one who performs a speech act ("Baku rejects", "an activist praised"): the words after the
    /// verb in Arabic, before it in English, up to the last that names a country, office, institution or
    /// commentator; null when none does (the object, not a subject, follows).
    /// </summary>
    private static (int First, int Last)? Subject(string text, List<Word> words, CueHit verb, string language)
    {
        var range = language == "en" ? NameBefore(text, words, verb.FirstWord) : NameAfter(text, words, verb.LastWord, 6);
        if (range is not { } r)
        {
            return null;
        }
        var span = words.GetRange(r.First, r.Last - r.First + 1);
        var named = CueLexicon.Countries.Find(span).Concat(CueLexicon.Titles.Find(span)).Concat(CueLexicon.LinkKinds.Find(span)).Concat(CueLexicon.OpinionSpeakers.Find(span)).ToList();
        // The subject stands next to its verb; a country word further on modifies the object ("rejected Iranian aid").
        if (named.Count == 0 || (language == "en" ? named.Max(h => h.LastWord) != span.Count - 1 : named.Min(h => h.FirstWord) != 0))
        {
            return null;
        }
        if (language == "en")
        {
            return (r.First + named.Min(h => h.FirstWord), r.Last);
        }
        // Arabic: the named words that follow one another from the verb (الحكومة الإيرانية), not the object after them.
        var end = named.Where(h => h.FirstWord == 0).Max(h => h.LastWord);
        foreach (var hit in named.Where(h => h.Value != "unnamed").OrderBy(h => h.FirstWord))
        {
            end = hit.FirstWord == end + 1 ? hit.LastWord : end;
        }
        return (r.First, r.First + end);
    }

    private static Reading Read(string text, List<Word> words, CueHit kindHit, List<CueHit> modalityHits, bool attributed, bool opinionSpeaker, string quote, IReadOnlyList<KnownActor> known)
    {
        var cues = new List<string>();
        static string Said(CueHit hit) => $"«{hit.Entry}»";

        var kind = kindHit.Value;
        cues.Add(kindHit.Entry.Length == 0 ? "kind: an opinion with no event word → assessment" : $"kind «{kindHit.Entry}» → {kind}");
        var modality = Domain.Claims.Modality.Asserted;
        if (modalityHits.FirstOrDefault(h => h.Value == "denial") is { } denial)
        {
            modality = Domain.Claims.Modality.Denial;
            cues.Add($"modality {Said(denial)} → denial");
        }
        else if (kind == "rejection" && modalityHits.FirstOrDefault(h => h.Value == "unconfirmed") is { } allegations)
        {
            // Rejecting allegations is denying them.
            modality = Domain.Claims.Modality.Denial;
            cues.Add($"modality: rejects {Said(allegations)} → denial");
        }
        else if (opinionSpeaker)
        {
            // An analyst's or commentator's words are opinion, even when they "claim" something.
            modality = Domain.Claims.Modality.Opinion;
            kind = "assessment";
            cues.Add("modality: the speaker is an analyst or commentator → opinion, kind assessment");
        }
        else if (modalityHits.FirstOrDefault(h => h.Value == "unconfirmed") is { } unconfirmed)
        {
            modality = Domain.Claims.Modality.Unconfirmed;
            cues.Add($"modality {Said(unconfirmed)} → unconfirmed");
        }
        else if (modalityHits.FirstOrDefault(h => h.Value == "opinion") is { } opinion)
        {
            // An opinion, assessment or forecast is never an event (Modality.Opinion): its kind is assessment.
            modality = Domain.Claims.Modality.Opinion;
            kind = "assessment";
            cues.Add($"modality {Said(opinion)} → opinion, kind assessment");
        }
        else if (MayClause(text, words) is { } may)
        {
            modality = Domain.Claims.Modality.Opinion;
            kind = "assessment";
            cues.Add($"modality «{may}» (قد with a present-tense verb: may) → opinion, kind assessment");
        }
        else if (kind == "assessment" && kindHit.Entry.Length > 0 && attributed)
        {
            // The state of relations as someone describes it: their characterisation, reported.
            modality = Domain.Claims.Modality.Reported;
            cues.Add("modality: a characterisation of relations, attributed → reported");
        }
        else if (kind == "assessment" && kindHit.Entry.Length > 0)
        {
            cues.Add("modality: a characterisation of relations in the article's voice, with no opinion word → asserted");
        }
        else if (kind == "assessment")
        {
            modality = Domain.Claims.Modality.Opinion;
        }
        else if (attributed)
        {
            modality = Domain.Claims.Modality.Reported;
            cues.Add("modality: attributed → reported");
        }
        return new Reading(kind, modality, Actors(text, words, quote, known), cues);
    }

    /// <summary>قد before a present-tense verb is "may" (قد تبدل, may change); before a past one it only stresses it (قد زار, did visit).</summary>
    private static string? MayClause(string text, List<Word> words)
    {
        for (var k = 0; k + 1 < words.Count; k++)
        {
            var raw = text[words[k].Start..words[k].End];
            var next = text[words[k + 1].Start..words[k + 1].End];
            if (raw is "قد" or "وقد" or "فقد" && next.Length >= 3 && next[0] is 'ي' or 'ت' or 'ن')
            {
                return $"{raw} {next}";
            }
        }
        return null;
    }

    private static (int Start, int End) TrimPunctuation(string text, int start, int end)
    {
        while (end < text.Length && text[end] is '.' or '!' or '?' or '؟' or '”' or '"' or ')' && end - start > 0 && text[end - 1] != ' ')
        {
            end++;
        }
        return (start, end);
    }

    private static List<ActorDto> Actors(string text, List<Word> words, string quote, IReadOnlyList<KnownActor> known)
    {
        var actors = known.Where(k => k.Name.Length > 2 && quote.Contains(k.Name, StringComparison.Ordinal))
            .Select(k => new ActorDto(k.Name, "participant", k.Country, k.Title, k.Level)).ToList();
        var countries = CueLexicon.Countries.Find(words);
        var english = !quote.Any(WordForms.IsArabicLetter);
        foreach (var title in CueLexicon.Titles.Find(words))
        {
            var parts = title.Value.Split('|');
            // وزير الدفاع الإيراني / وزير دفاع جمهورية أذربيجان: the country follows the office in Arabic;
            // "Azerbaijan's foreign minister" / "the president of Iran": before it in English, or after "of".
            var country = english
                ? countries.LastOrDefault(c => c.LastWord < title.FirstWord && c.LastWord >= title.FirstWord - 2)
                    ?? countries.FirstOrDefault(c => c.FirstWord == title.LastWord + 2 && words[title.LastWord + 1].Stem == "of")
                : countries.FirstOrDefault(c => c.FirstWord > title.LastWord && c.FirstWord <= title.LastWord + 3);
            var first = country is not null && country.LastWord < title.FirstWord ? country.FirstWord : title.FirstWord;
            var last = country is not null && country.FirstWord > title.LastWord ? country.LastWord : title.LastWord;
            var name = text[words[first].Start..words[last].End];
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
    private static (int First, int Last)? NameAfter(string text, List<Word> words, int cueWord, int max)
    {
        var first = cueWord + 1;
        if (first >= words.Count || text[words[cueWord].End..words[first].Start].IndexOfAny([':', '“', '"', ',', '،']) >= 0)
        {
            return null;
        }
        var last = -1;
        for (var k = first; k < words.Count && k < first + max; k++)
        {
            if (k > first && text[words[k - 1].End..words[k].Start].IndexOfAny([',', '،', ':', '“', '"', '(', '.', '؛']) >= 0)
            {
                break;
            }
            var stem = words[k].Stem;
            if (ClauseWords.Contains(stem) || Prepositions.Contains(stem))
            {
                break;
            }
            last = k;
        }
        return last < first ? null : (first, last);
    }

    /// <summary>English: the words before "said" back to the sentence start or a comma.</summary>
    private static (int First, int Last)? NameBefore(string text, List<Word> words, int cueWord)
    {
        var first = -1;
        for (var k = cueWord - 1; k >= 0 && k >= cueWord - 5; k--)
        {
            if (text[words[k].End..words[k + 1].Start].IndexOfAny([',', ':', '"', '“', '”']) >= 0 || ClauseWords.Contains(words[k].Stem))
            {
                break;
            }
            first = k;
        }
        return first < 0 ? null : (first, cueWord - 1);
    }

    private static readonly HashSet<string> ClauseWords = new(
        new[] { "إن", "أن", "ان", "بأن", "فإن", "إنه", "أنه", "انه", "متابعا", "متابعاً", "أيضا", "أيضاً", "that", "it", "he", "she", "they", "we", "and", "but" }.Select(WordForms.Stem),
        StringComparer.Ordinal);

    private static readonly HashSet<string> Prepositions = new(
        new[] { "في", "على", "إلى", "عن", "من", "مع", "لـ", "حول", "خلال", "بشأن", "بعد", "قبل", "لوسائل", "لموقع", "in", "on", "to", "at", "from", "with", "about", "after", "before" }.Select(WordForms.Stem),
        StringComparer.Ordinal);

    /// <summary>Agency, outlet, organisation or unnamed by the words that name the link; a person otherwise.</summary>
    private static string LinkKind(string name)
    {
        var words = WordForms.Words(name, 0, name.Length);
        if (CueLexicon.LinkKinds.Find(words).FirstOrDefault() is { } hit)
        {
            return hit.Value;
        }
        // "Baku rejects": a country or its capital speaking is its government, unless an office is named.
        return CueLexicon.Titles.Find(words).Count == 0 && CueLexicon.OpinionSpeakers.Find(words).Count == 0 && CueLexicon.Countries.Find(words).Count > 0 ? "organisation" : "speaker";
    }

    private static string GuessDyad(IEnumerable<CueHit> countries)
    {
        var top = countries.GroupBy(c => c.Value.Split('|')[0]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(2).Select(g => g.Key).ToList();
        if (top.Count < 2)
        {
            throw new Validation.InputRejectedException("dyad", $"the article names {(top.Count == 0 ? "no country" : "one country only")} the drafter knows; name the dyad, its two countries as XXX-YYY");
        }
        return DyadId.Parse($"{top[0]}-{top[1]}").ToString();
    }

    private static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        var shared = a.Count(b.Contains);
        return shared == 0 ? 0 : (double)shared / (a.Count + b.Count - shared);
    }

    /// <summary>"Next month", «الشهر المقبل»: a plan or expectation, which never becomes the time the story goes on in.</summary>
    private static bool Forward(DatePhrase date) =>
        date.Time.Candidates.Count > 0 && WordForms.Words(date.Text, 0, date.Text.Length).Any(w => ForwardWords.Contains(w.Stem));

    private static readonly HashSet<string> ForwardWords = new(
        new[] { "المقبل", "المقبلة", "القادم", "القادمة", "next", "coming", "upcoming", "tomorrow", "غدا" }.Select(WordForms.Stem), StringComparer.Ordinal);

    private static TimeDto AtPublication(UncertainTime publication, string reason) =>
        ToDto(new UncertainTime(null, null, publication.Candidates.Select(c => c with { Method = ResolutionMethod.RelativeToPublication, Anchor = "publication", Reason = reason }).ToList(), []));

    internal static TimeDto ToDto(UncertainTime time) => new(
        time.Phrase, time.Language,
        time.Candidates.Select(c => new CandidateDto(
            c.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Kebab.Format(c.Precision), Kebab.Format(c.Method), c.Anchor, c.Reason)).ToList(),
        time.Findings.ToList());

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
