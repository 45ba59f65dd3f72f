namespace BilateralTimeline.Application.Drafting;

/// <summary>
/// General rules of how a news sentence divides into the things it reports, and which of its cue words
/// names the event of a clause. None is written for one sentence: each is a construction of Arabic or
/// English news prose (docs/drafting.md lists them with examples).
/// </summary>
internal static class ClauseRules
{
    /// <summary>
    /// Words that open a clause of their own when what follows holds a kind cue: contrast and addition
    /// (بينما، فيما، في حين، كما، حيث، إلى جانب، فضلا عن، بالإضافة إلى; while, whereas), the main clause
    /// after a fronted one (فإن), and a speaker going on (مضيفا، وأضاف، وتابع; adding that).
    /// </summary>
    private static readonly HashSet<string> Openers = new(
        new[]
        {
            "بينما", "وبينما", "فيما", "وفيما", "حيث", "كما", "وكما", "فإن", "فان", "مضيفا", "مضيفاً", "مضيفة", "مضيفةً", "متابعا", "متابعاً", "وتابع", "وتابعت",
            "while", "whereas", "adding",
        },
        StringComparer.Ordinal);

    /// <summary>Two-word openers: في حين / في وقت ("at a time when"), إلى جانب, فضلا عن, بالإضافة إلى.</summary>
    private static readonly (string First, string Second)[] PairOpeners =
    [
        ("في", "حين"), ("في", "وقت"), ("وفي", "وقت"), ("إلى", "جانب"), ("فضلا", "عن"), ("فضلاً", "عن"), ("بالإضافة", "إلى"), ("وبالإضافة", "إلى"),
    ];

    /// <summary>"While X said …, Y": the clause after a contrast is the article's own voice, not X's.</summary>
    private static readonly HashSet<string> Contrasts = new(StringComparer.Ordinal) { "بينما", "وبينما", "فيما", "وفيما", "while", "whereas" };

    public static bool Opens(string text, List<Word> words, int k)
    {
        var raw = text[words[k].Start..words[k].End];
        if (Openers.Contains(raw) || Openers.Contains(raw.ToLowerInvariant()))
        {
            return true;
        }
        var next = k + 1 < words.Count ? text[words[k + 1].Start..words[k + 1].End] : "";
        return PairOpeners.Any(p => p.First == raw && p.Second == next);
    }

    /// <summary>The sentence opens with a contrast ("while", بينما) whose second clause speaks in the article's voice.</summary>
    public static bool OpensWithContrast(string text, List<Word> words) =>
        words.Count > 0 && Contrasts.Contains(text[words[0].Start..words[0].End].ToLowerInvariant());

    /// <summary>
    /// A kind word governed by the preposition ل ("for, in order to": لزيارة، للدوريات، لافتتاح) or by
    /// English "for" names a purpose or an attribute ("boats for patrols", "travelled to inaugurate"),
    /// not an event that happened.
    /// </summary>
    public static bool IsPurpose(string own, string entry, string before)
    {
        if (before == "for")
        {
            return true;
        }
        var prefixed = own.StartsWith("ل", StringComparison.Ordinal) || own.StartsWith("ول", StringComparison.Ordinal) || own.StartsWith("فل", StringComparison.Ordinal);
        return prefixed && !entry.StartsWith("ل", StringComparison.Ordinal) && !entry.StartsWith(own[..Math.Min(2, own.Length)], StringComparison.Ordinal);
    }

    private static readonly HashSet<string> Topics = new(
        new[] { "بشأن", "حول", "about", "regarding", "concerning" }.Select(WordForms.Stem), StringComparer.Ordinal);

    /// <summary>
    /// "Statements about Iran and expanding defence ties": the topic of a statement, up to three words
    /// after "about / بشأن / حول" with no comma between, is what was talked about, not an event.
    /// </summary>
    public static bool UnderTopic(string text, List<Word> words, int at)
    {
        for (var k = at - 1; k >= 0 && k >= at - 3; k--)
        {
            if (text[words[k].End..words[k + 1].Start].IndexOfAny([',', '،', ';', '؛', ':']) >= 0)
            {
                return false;
            }
            if (Topics.Contains(words[k].Stem))
            {
                return true;
            }
        }
        return false;
    }

    private static readonly HashSet<string> HabitualWords = new(
        new[] { "دائما", "دائماً", "لطالما", "طالما", "always", "traditionally", "long", "repeatedly", "consistently" }.Select(WordForms.Stem),
        StringComparer.Ordinal);

    /// <summary>
    /// "Has always rejected", "رفض دائماً": a habit is a standing posture (policy), not one event; the
    /// adverb must stand next to the kind word (within two words) to govern it.
    /// </summary>
    public static string? Habitual(string text, List<Word> words, CueHit hit)
    {
        for (var k = Math.Max(0, hit.FirstWord - 2); k <= Math.Min(words.Count - 1, hit.LastWord + 2); k++)
        {
            if ((k < hit.FirstWord || k > hit.LastWord) && HabitualWords.Contains(words[k].Stem))
            {
                return text[words[k].Start..words[k].End];
            }
        }
        return null;
    }

    /// <summary>
    /// The state of relations told with no event ("relations have seen many ups and downs", "sources say
    /// the cold relations are caused by …"): a characterisation, kind assessment. Not after a preposition
    /// ("spoke about relations") and not inside a cue of its own ("expand relations" is intent).
    /// </summary>
    public static readonly CueTable Relations = new(
    [
        ("assessment", ["العلاقات", "علاقات", "العلاقة", "relations", "ties", "relationship"]),
    ]);

    /// <summary>Travelling "with his counterpart": the two leaders are together, so it is a meeting (CAMEO 04), wherever they went.</summary>
    public static readonly CueTable Counterpart = new(
    [
        ("meeting", ["مع نظيره", "مع نظيرته", "برفقة نظيره", "with his counterpart", "with her counterpart", "with their counterparts"]),
    ]);

    /// <summary>
    /// Finite verbs that report an event (not nouns, not verbs of saying): in "X said that Y attacked …" the
    /// embedded verb makes the claim the reported event; "X said the attacker is still in detention" (a noun)
    /// stays X's statement.
    /// </summary>
    public static readonly HashSet<string> EventVerbs = new(StringComparer.Ordinal)
    {
        "اشتبك", "هاجم", "هاجمت", "يهاجم", "اعتدى", "اغتال", "أطلق النار", "أطلقوا النار", "تحطمت", "لقي حتفه", "لقوا حتفهم",
        "وقع", "وقعت", "وقعا", "أغلقت", "أغلق", "استدعت", "اعتقل", "اعتقلت", "طردت", "زار", "زارت", "يزور", "تزور", "وصل", "وصلت",
        "يصل", "سافر", "سافرت", "أتى", "التقى", "التقت", "يلتقي", "تلتقي", "التقيا", "اجتمع", "اجتمعت", "يجتمع", "ناقش", "ناقشا", "ناقشت",
        "استقبل", "استقبلت", "هبطت", "أقلعت", "حلقت", "اشترى", "اشترت", "تشتري", "يشتري", "افتتح",
        "attacked", "shot", "stormed", "crashed", "signed", "closed", "recalled", "severed", "arrested", "detained", "expelled",
        "deported", "banned", "visited", "arrived", "travelled", "traveled", "toured", "met", "discussed", "received", "hosted",
        "deployed", "bought", "acquired", "flew", "landed", "inaugurated",
    };

    /// <summary>Kinds a statement of intent can be about: "hopes to sign", "ready to expand trade" are intent to cooperate (CAMEO 03), not the act.</summary>
    public static readonly HashSet<string> Cooperative = new(StringComparer.Ordinal)
    {
        "agreement", "economic-cooperation", "military-cooperation", "aid", "procurement", "visit", "meeting",
    };
}
