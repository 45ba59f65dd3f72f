namespace BilateralTimeline.Domain.Scoring;

/// <summary>
/// The kinds a claim may have, each anchored on a CAMEO code and its Goldstein (1992) weight on the
/// −10 (most conflictual) … +10 (most cooperative) scale, named in the spirit of PLOVER categories.
/// Kinds marked context describe the dyad's surroundings (a purchase from a third country, a flight,
/// media coverage) and never move the dyad's score by themselves.
/// </summary>
public static class ClaimKinds
{
    public sealed record KindInfo(string Kind, string Cameo, double Goldstein, bool Contact, string Meaning);

    private static readonly KindInfo[] All =
    [
        new("statement", "010", 0.0, false, "a public statement or comment"),
        new("appeal", "020", 3.0, false, "an appeal or invitation to cooperate"),
        new("intent-to-cooperate", "030", 4.0, false, "an expressed intent to cooperate"),
        new("meeting", "040", 1.0, true, "officials of the two countries meet or consult"),
        new("visit", "042", 1.9, true, "an official visits the other country"),
        new("praise", "051", 3.5, false, "praise or endorsement of the other party"),
        new("agreement", "057", 8.0, false, "a formal agreement is signed"),
        new("economic-cooperation", "061", 6.4, false, "joint economic or infrastructure work"),
        new("military-cooperation", "062", 7.4, false, "joint exercises or defence cooperation"),
        new("aid", "070", 7.0, false, "material or technical aid"),
        new("criticism", "111", -2.0, false, "criticism or denunciation"),
        new("accusation", "112", -2.0, false, "an accusation against the other party"),
        new("rejection", "120", -4.0, false, "a rejection of the other's position or claim"),
        new("threat", "130", -6.0, false, "a threat"),
        new("protest", "140", -6.5, false, "a protest or demonstration"),
        new("force-posture", "150", -7.2, false, "a show of military force aimed at the other"),
        new("reduce-relations", "160", -4.0, false, "relations reduced: an embassy closed, a mission recalled"),
        new("coercion", "170", -7.0, false, "coercion: arrests, expulsions, sanctions"),
        new("assault", "180", -9.0, false, "violence against the other party's people or premises"),
        new("fight", "190", -10.0, false, "armed fighting"),
        new("procurement", "context", 0.0, false, "an arms or equipment purchase (context)"),
        new("movement", "context", 0.0, false, "a flight or movement (context)"),
        new("media-coverage", "context", 0.0, false, "what media reported or left out (context)"),
        new("accident", "context", 0.0, false, "an accident, e.g. a crash (context)"),
        new("policy", "context", 0.0, false, "a standing policy or posture (context)"),
        new("assessment", "context", 0.0, false, "an analyst's or author's assessment (context)"),
    ];

    private static readonly Dictionary<string, KindInfo> ByKind = All.ToDictionary(k => k.Kind, StringComparer.Ordinal);

    public static IReadOnlyList<KindInfo> Catalogue => All;

    public static bool IsKnown(string kind) => ByKind.ContainsKey(kind);

    public static KindInfo Get(string kind) =>
        ByKind.TryGetValue(kind, out var info)
            ? info
            : throw new DomainRuleViolated("kind", $"unknown claim kind '{kind}'; known kinds: {string.Join(", ", ByKind.Keys)}");
}
