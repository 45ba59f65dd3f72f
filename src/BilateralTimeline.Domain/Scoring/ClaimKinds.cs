namespace BilateralTimeline.Domain.Scoring;

/// <summary>
/// The kinds a claim may have, each anchored on a CAMEO code at the level the kind supports (root,
/// three- or four-digit) and the weight <see cref="CameoScale"/> gives that code on the Goldstein (1992)
/// −10 (most conflictual) … +10 (most cooperative) scale, with its PLOVER category. A claim may name a
/// more specific code under its kind's root (a visit that was hosted, an assault that killed); its weight
/// then comes from that code. Kinds marked context describe the dyad's surroundings (a purchase from a
/// third country, a flight, media coverage) and never move the dyad's score by themselves.
/// </summary>
public static class ClaimKinds
{
    public const string Context = "context";

    public sealed record KindInfo(string Kind, string Cameo, bool Contact, string Meaning)
    {
        public bool IsContext => Cameo == Context;

        /// <summary>The weight of the kind's own code; a claim naming a finer code is weighed by <see cref="ClaimKinds.Goldstein(string, string)"/>.</summary>
        public double Goldstein => IsContext ? 0.0 : CameoScale.Goldstein(Cameo);

        public string Plover => IsContext ? "none" : CameoScale.Plover(Cameo);

        /// <summary>The CAMEO root a claim's own code must lie under.</summary>
        public string Root => IsContext ? Context : CameoScale.Root(Cameo);
    }

    private static readonly KindInfo[] All =
    [
        new("statement", "010", false, "a public statement or comment"),
        new("appeal", "020", false, "an appeal or invitation to cooperate"),
        new("intent-to-cooperate", "030", false, "an expressed intent to cooperate"),
        new("meeting", "040", true, "officials of the two countries meet or consult"),
        new("visit", "042", true, "an official visits the other country"),
        new("host-visit", "043", true, "a country hosts a visit by the other's official"),
        new("praise", "051", false, "praise or endorsement of the other party"),
        new("restore-relations", "054", false, "relations restored or a mission reopened (CAMEO has no restore code; 054 is the nearest)"),
        new("agreement", "057", false, "a formal agreement is signed"),
        new("economic-cooperation", "061", false, "joint economic or infrastructure work"),
        new("military-cooperation", "062", false, "joint exercises or defence cooperation"),
        new("aid", "070", false, "material or technical aid"),
        new("criticism", "111", false, "criticism or denunciation"),
        new("accusation", "112", false, "an accusation against the other party"),
        new("rejection", "120", false, "a rejection of the other's position or claim"),
        new("threat", "130", false, "a threat"),
        new("protest", "140", false, "a protest or demonstration"),
        new("force-posture", "150", false, "a show of military force aimed at the other"),
        new("reduce-relations", "160", false, "relations reduced: an embassy closed, a mission recalled"),
        new("coercion", "170", false, "coercion: arrests, expulsions, sanctions"),
        new("assault", "180", false, "violence against the other party's people or premises"),
        new("physical-assault", "182", false, "a physical assault on the other party's people"),
        new("kill", "1823", false, "a killing by physical assault"),
        new("fight", "190", false, "armed fighting"),
        new("procurement", Context, false, "an arms or equipment purchase (context)"),
        new("movement", Context, false, "a flight or movement (context)"),
        new("media-coverage", Context, false, "what media reported or left out (context)"),
        new("accident", Context, false, "an accident, e.g. a crash (context)"),
        new("policy", Context, false, "a standing policy or posture (context)"),
        new("assessment", Context, false, "an analyst's or author's assessment (context)"),
    ];

    private static readonly Dictionary<string, KindInfo> ByKind = All.ToDictionary(k => k.Kind, StringComparer.Ordinal);

    public static IReadOnlyList<KindInfo> Catalogue => All;

    public static bool IsKnown(string kind) => ByKind.ContainsKey(kind);

    public static KindInfo Get(string kind) =>
        ByKind.TryGetValue(kind, out var info)
            ? info
            : throw new DomainRuleViolated("kind", $"unknown claim kind '{kind}'; known kinds: {string.Join(", ", ByKind.Keys)}");

    /// <summary>Why a claim of <paramref name="kind"/> may not name <paramref name="cameo"/>; null when it may (or names none).</summary>
    public static string? CodeProblem(string kind, string? cameo)
    {
        if (cameo is null || !ByKind.TryGetValue(kind, out var info))
        {
            return null;
        }
        if (info.IsContext)
        {
            return $"a {kind} claim is context and takes no CAMEO code";
        }
        if (!CameoScale.IsCode(cameo))
        {
            return $"'{cameo}' is not a CAMEO event code (two to four digits, e.g. 18, 182, 1823)";
        }
        return cameo.StartsWith(info.Root, StringComparison.Ordinal)
            ? null
            : $"CAMEO {cameo} does not lie under the root {info.Root} of the kind {kind} ({info.Cameo}); pick a kind under {CameoScale.Root(cameo)} or a code under {info.Root}";
    }

    /// <summary>The CAMEO code a claim counts as: its own when it names one, else its kind's.</summary>
    public static string Code(string kind, string? cameo)
    {
        if (CodeProblem(kind, cameo) is { } problem)
        {
            throw new DomainRuleViolated("cameo", problem);
        }
        return cameo ?? Get(kind).Cameo;
    }

    /// <summary>The Goldstein weight a claim counts with: its own code's when it names one, else its kind's.</summary>
    public static double Goldstein(string kind, string? cameo)
    {
        var code = Code(kind, cameo);
        return code == Context ? 0.0 : CameoScale.Goldstein(code);
    }
}
