using System.Text.Json.Nodes;

namespace BilateralTimeline.Cli.Tests.Support;

/// <summary>
/// A small import file built in code: one Arabic article (inline text), two occurrences and four
/// claims whose quotes are located in the text, so their UTF-16 offsets are exact by construction.
/// A prefix keeps the ids of two files apart when a test imports both into one store.
/// </summary>
public static class Fixture
{
    public const string Dyad = "AZE-IRN";

    /// <summary>An ASCII string that occurs only in the first claim's summary, to find that event's bytes in the file.</summary>
    public const string Marker = "MARKER42";

    public const string AttackTitle = "Gunmen attack the Azerbaijani embassy in Tehran";

    public const string MeetingTitle = "Foreign ministers of Azerbaijan and Iran meet in Baku";

    // Published 10 March 2024; looks back at the attack of 27 January 2023 and at "last week".
    public const string Text =
        "باكو — في 27 يناير 2023 نفذ مسلح هجوما على مبنى السفارة الأذربيجانية في طهران، "
        + "وأسفر الهجوم عن مقتل رئيس أمن السفارة. "
        + "وأعلنت وزارة الخارجية الأذربيجانية إغلاق سفارتها في طهران وإجلاء موظفيها. "
        + "ووصف الرئيس إلهام علييف الهجوم بأنه عمل إرهابي، بحسب وكالة أذرتاج. "
        + "وفي الأسبوع الماضي التقى وزيرا خارجية البلدين في باكو لبحث إعادة فتح السفارة.";

    public const string AttackQuote = "نفذ مسلح هجوما على مبنى السفارة الأذربيجانية في طهران";
    public const string ClosureQuote = "أعلنت وزارة الخارجية الأذربيجانية إغلاق سفارتها في طهران";
    public const string TerrorQuote = "عمل إرهابي";
    public const string MeetingQuote = "التقى وزيرا خارجية البلدين في باكو";

    public static string SourceId(string prefix) => $"src-{prefix}";

    public static string ClaimId(string prefix, int n) => $"{prefix}-{n:00}";

    public static string AttackOccurrence(string prefix) => $"occ-{prefix}-embassy-attack";

    public static string MeetingOccurrence(string prefix) => $"occ-{prefix}-ministers-meeting";

    /// <summary>The import document; <paramref name="textFile"/> names a file for the text instead of inlining it.</summary>
    public static JsonObject Document(string prefix = "a", string? textFile = null)
    {
        var source = new JsonObject
        {
            ["id"] = SourceId(prefix),
            ["outlet"] = "test outlet",
            ["language"] = "ar",
            ["title"] = "إغلاق السفارة الأذربيجانية في طهران",
            ["url"] = null,
            ["published"] = Time(null, Candidate("2024-03-10", "2024-03-10", "day", "explicit")),
            ["retrieved"] = "2024-03-11T09:00:00Z",
        };
        if (textFile is null)
        {
            source["text"] = Text;
        }
        else
        {
            source["textFile"] = textFile;
        }
        var attackDay = Time("27 يناير 2023", Candidate("2023-01-27", "2023-01-27", "day", "explicit"));
        return new JsonObject
        {
            ["formatVersion"] = 1,
            ["dyad"] = Dyad,
            ["sources"] = new JsonArray(source),
            ["occurrences"] = new JsonArray(
                new JsonObject { ["id"] = AttackOccurrence(prefix), ["title"] = AttackTitle },
                new JsonObject { ["id"] = MeetingOccurrence(prefix), ["title"] = MeetingTitle }),
            ["claims"] = new JsonArray(
                Claim(prefix, 1, AttackOccurrence(prefix), "assault", $"{Marker} a gunman attacked the Azerbaijani embassy in Tehran, killing its head of security", "asserted",
                    AttackQuote, "B", 2, attackDay.DeepClone()),
                Claim(prefix, 2, AttackOccurrence(prefix), "reduce-relations", "Azerbaijan closed its embassy in Tehran and evacuated its staff", "asserted",
                    ClosureQuote, "B", 2, attackDay.DeepClone(),
                    effects: new JsonArray(new JsonObject { ["subject"] = "embassy:AZE@Tehran", ["status"] = "closed", ["crisis"] = true })),
                Claim(prefix, 3, AttackOccurrence(prefix), "accusation", "President Aliyev called the attack a terrorist act", "reported",
                    TerrorQuote, "C", 3, attackDay.DeepClone(),
                    attribution: new JsonArray(
                        new JsonObject { ["name"] = "test outlet", ["kind"] = "outlet" },
                        new JsonObject { ["name"] = "Azertac", ["kind"] = "agency" },
                        new JsonObject { ["name"] = "Ilham Aliyev", ["kind"] = "speaker" })),
                // "Last week" from a publication on 10 March 2024, or (an analyst's alternative) February: contested.
                Claim(prefix, 4, MeetingOccurrence(prefix), "meeting", "The two foreign ministers met in Baku to discuss reopening the embassy", "asserted",
                    MeetingQuote, "B", 3,
                    Time("الأسبوع الماضي",
                        Candidate("2024-03-01", "2024-03-09", "week", "relative-to-publication", anchor: "publication 2024-03-10"),
                        Candidate("2024-02-01", "2024-02-29", "month", "analyst-judgement", reason: "the anchor may be the article's draft date")),
                    actors: new JsonArray(
                        new JsonObject { ["name"] = "Jeyhun Bayramov", ["role"] = "host", ["country"] = "AZE", ["title"] = "Minister of Foreign Affairs", ["level"] = "minister" },
                        new JsonObject { ["name"] = "Hossein Amir-Abdollahian", ["role"] = "visitor", ["country"] = "IRN", ["title"] = "Minister of Foreign Affairs", ["level"] = "minister" }))),
        };
    }

    /// <summary>{start, end, text} of a quote that occurs exactly once in <see cref="Text"/>.</summary>
    public static JsonObject Quote(string quote)
    {
        var start = Text.IndexOf(quote, StringComparison.Ordinal);
        if (start < 0 || Text.IndexOf(quote, start + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"fixture quote «{quote}» must occur exactly once in the text");
        }
        return new JsonObject { ["start"] = start, ["end"] = start + quote.Length, ["text"] = quote };
    }

    private static JsonObject Claim(
        string prefix, int n, string occurrence, string kind, string summary, string modality, string quote, string reliability, int credibility, JsonNode occurred,
        JsonArray? actors = null, JsonArray? attribution = null, JsonArray? effects = null) => new()
        {
            ["id"] = ClaimId(prefix, n),
            ["source"] = SourceId(prefix),
            ["occurrence"] = occurrence,
            ["kind"] = kind,
            ["summary"] = summary,
            ["modality"] = modality,
            ["actors"] = actors ?? new JsonArray(),
            ["place"] = "Tehran",
            ["occurred"] = occurred,
            ["attribution"] = attribution ?? new JsonArray(),
            ["quotes"] = new JsonArray(Quote(quote)),
            ["confidence"] = new JsonObject { ["reliability"] = reliability, ["credibility"] = credibility },
            ["effects"] = effects ?? new JsonArray(),
            ["note"] = null,
        };

    private static JsonObject Time(string? phrase, params JsonObject[] candidates) => new()
    {
        ["phrase"] = phrase,
        ["language"] = phrase is null ? null : "ar",
        ["candidates"] = new JsonArray(candidates),
        ["findings"] = new JsonArray(),
    };

    private static JsonObject Candidate(string from, string to, string precision, string method, string? anchor = null, string? reason = null) => new()
    {
        ["from"] = from,
        ["to"] = to,
        ["precision"] = precision,
        ["method"] = method,
        ["anchor"] = anchor,
        ["reason"] = reason,
    };
}
