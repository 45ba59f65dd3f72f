namespace BilateralTimeline.Domain.Corrections;

/// <summary>
/// What two claims may disagree on, from a closed list so that a typo cannot make a new field; the
/// specifics go into a free detail ("the year", "the weekday"). Contradictions recorded before the list
/// existed carry free text: <see cref="Read"/> maps it onto the list when the log is folded, and the log
/// itself is never rewritten.
/// </summary>
public static class ContradictionFields
{
    public const string Date = "date";
    public const string Time = "time";
    public const string Place = "place";
    public const string Actor = "actor";
    public const string Count = "count";
    public const string Fact = "fact";
    public const string Motive = "motive";
    public const string Casualty = "casualty";
    public const string Attribution = "attribution";

    public static readonly IReadOnlyList<string> All = [Date, Time, Place, Actor, Count, Fact, Motive, Casualty, Attribution];

    /// <summary>The list as it appears in messages: "date, time, place, actor, count, fact, motive, casualty, attribution".</summary>
    public static string Listed => string.Join(", ", All);

    public static bool IsField(string? field) => field is not null && All.Contains(field, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["year"] = Date, ["month"] = Date, ["day"] = Date, ["weekday"] = Date, ["when"] = Date, ["dates"] = Date,
        ["timing"] = Date, ["chronology"] = Date, ["day of week"] = Date,
        ["hour"] = Time, ["clock"] = Time, ["clock time"] = Time, ["time of day"] = Time, ["instant"] = Time,
        ["location"] = Place, ["where"] = Place, ["venue"] = Place, ["site"] = Place, ["places"] = Place,
        ["actors"] = Actor, ["who"] = Actor, ["person"] = Actor, ["people"] = Actor, ["participants"] = Actor, ["perpetrator"] = Actor,
        ["number"] = Count, ["numbers"] = Count, ["figure"] = Count, ["figures"] = Count, ["amount"] = Count, ["size"] = Count,
        ["casualties"] = Casualty, ["deaths"] = Casualty, ["dead"] = Casualty, ["killed"] = Casualty, ["injured"] = Casualty,
        ["wounded"] = Casualty, ["victims"] = Casualty, ["toll"] = Casualty, ["death toll"] = Casualty,
        ["reason"] = Motive, ["why"] = Motive, ["purpose"] = Motive, ["cause"] = Motive, ["intent"] = Motive,
        ["motivation"] = Motive, ["characterisation"] = Motive, ["characterization"] = Motive, ["framing"] = Motive,
        ["source"] = Attribution, ["sourcing"] = Attribution, ["speaker"] = Attribution, ["who said"] = Attribution, ["quote"] = Attribution,
        ["happened"] = Fact, ["occurrence"] = Fact, ["event"] = Fact, ["existence"] = Fact, ["whether"] = Fact, ["facts"] = Fact,
    };

    /// <summary>
    /// The closed-list field and detail of a recorded contradiction. A field already on the list stays as
    /// it is; free text of an older event maps by its words ("year" → date, "deaths" → casualty, "date of
    /// the visit" → date) and, failing that, to fact (the claims disagree on what happened); the original
    /// text is kept as (the start of) the detail, so nothing it said is lost.
    /// </summary>
    public static (string Field, string? Detail) Read(string recorded, string? detail)
    {
        var text = recorded.Trim();
        if (IsField(text))
        {
            return (text, detail);
        }
        var lower = text.ToLowerInvariant();
        var field = IsField(lower) ? lower
            : Synonyms.TryGetValue(lower, out var synonym) ? synonym
            : All.FirstOrDefault(f => lower.StartsWith(f + " ", StringComparison.Ordinal))
                ?? Synonyms.Where(s => lower.StartsWith(s.Key + " ", StringComparison.Ordinal)).Select(s => s.Value).FirstOrDefault()
                ?? Fact;
        return (field, detail is { Length: > 0 } ? $"{text}: {detail}" : text);
    }

    /// <summary>
    /// Only a disagreement on fact puts in doubt whether the thing happened (both claims' accounts of it);
    /// the others put one side of it in doubt (its date, place, motive…), on the first claim, which the
    /// contradiction is about, the other being the evidence against it.
    /// </summary>
    public static bool ContestsHappening(string field) => field == Fact;
}
