using BilateralTimeline.Application.Input;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Application.Drafting;

/// <summary>One analyst claim and the proposal whose quotes overlap it most (null: none overlaps).</summary>
public sealed record EvaluatedPair(string AnalystClaim, string? Proposal, string AnalystKind, string? ProposedKind, string AnalystModality, string? ProposedModality, bool? DateAgrees, bool AttributionAgrees);

/// <summary>
/// A draft compared with an analyst's import file of the same article. Recall: the share of the
/// analyst's claims whose quote overlaps a proposed quote; precision: the share of proposals that
/// overlap an analyst's claim. Over the matched pairs (each analyst claim with the proposal overlapping
/// it most): the same kind, the same modality, a date candidate of the proposal overlapping one of the
/// analyst's (only over the analyst's dated claims), and the same kinds of attribution links beyond the
/// article itself (speaker, agency, outlet, organisation, unnamed).
/// </summary>
public sealed record DraftFigures(
    int AnalystClaims, int Proposals, int RecalledClaims, int OverlappingProposals,
    int Pairs, int KindAgreements, int ModalityAgreements, int DatedPairs, int DateAgreements, int AttributionAgreements,
    IReadOnlyList<EvaluatedPair> Rows)
{
    public double Recall => Share(RecalledClaims, AnalystClaims);

    public double Precision => Share(OverlappingProposals, Proposals);

    public double Kind => Share(KindAgreements, Pairs);

    public double Modality => Share(ModalityAgreements, Pairs);

    public double Date => Share(DateAgreements, DatedPairs);

    public double Attribution => Share(AttributionAgreements, Pairs);

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}

internal static class DraftEvaluation
{
    public static DraftFigures Compare(string text, ImportDocument analyst, ImportDocument draft)
    {
        var sha = SourceText.Sha256Hex(text);
        var sameArticle = (analyst.Sources ?? []).Where(s => s is not null && (s.Text == text || string.Equals(s.Sha256, sha, StringComparison.OrdinalIgnoreCase))).Select(s => s.Id).ToHashSet();
        var analystClaims = (analyst.Claims ?? []).Where(c => c is not null && (sameArticle.Count == 0 || sameArticle.Contains(c.Source))).ToList();
        var proposals = (draft.Claims ?? []).Where(c => c is not null).ToList();
        var analystSpans = analystClaims.Select(c => Spans(text, c)).ToList();
        var proposalSpans = proposals.Select(c => Spans(text, c)).ToList();

        var rows = new List<EvaluatedPair>();
        int recalled = 0, pairs = 0, kinds = 0, modalities = 0, dated = 0, dates = 0, attributions = 0;
        for (var i = 0; i < analystClaims.Count; i++)
        {
            var a = analystClaims[i];
            var best = -1;
            var bestOverlap = 0;
            for (var j = 0; j < proposals.Count; j++)
            {
                var overlap = Overlap(analystSpans[i], proposalSpans[j]);
                if (overlap > bestOverlap)
                {
                    (best, bestOverlap) = (j, overlap);
                }
            }
            if (best < 0)
            {
                rows.Add(new EvaluatedPair(a.Id!, null, a.Kind!, null, a.Modality!, null, null, false));
                continue;
            }
            recalled++;
            pairs++;
            var p = proposals[best];
            var kind = a.Kind == p.Kind;
            var modality = a.Modality == p.Modality;
            bool? date = null;
            if (a.Occurred?.Candidates is { Count: > 0 } analystDates)
            {
                dated++;
                date = p.Occurred?.Candidates?.Any(pc => analystDates.Any(ac => Intersects(ac, pc))) == true;
                dates += date == true ? 1 : 0;
            }
            var attribution = LinkKinds(a).SetEquals(LinkKinds(p));
            kinds += kind ? 1 : 0;
            modalities += modality ? 1 : 0;
            attributions += attribution ? 1 : 0;
            rows.Add(new EvaluatedPair(a.Id!, p.Id, a.Kind!, p.Kind, a.Modality!, p.Modality, date, attribution));
        }
        var overlapping = proposalSpans.Count(ps => analystSpans.Any(a => Overlap(a, ps) > 0));
        return new DraftFigures(analystClaims.Count, proposals.Count, recalled, overlapping, pairs, kinds, modalities, dated, dates, attributions, rows);
    }

    private static List<(int Start, int End)> Spans(string text, ClaimDto claim)
    {
        var spans = new List<(int, int)>();
        foreach (var q in claim.Quotes ?? [])
        {
            if (q?.Start is { } s && q.End is { } e)
            {
                spans.Add((s, e));
            }
            else if (q?.Text is { Length: > 0 } words && QuoteLocator.Locate("article", text, words, q.Nth).Start is { } at)
            {
                spans.Add((at, at + words.Length));
            }
        }
        return spans;
    }

    private static int Overlap(List<(int Start, int End)> a, List<(int Start, int End)> b) =>
        a.Sum(x => b.Sum(y => Math.Max(0, Math.Min(x.End, y.End) - Math.Max(x.Start, y.Start))));

    private static bool Intersects(CandidateDto a, CandidateDto b) =>
        string.CompareOrdinal(a.From, b.To) <= 0 && string.CompareOrdinal(b.From, a.To) <= 0;

    private static HashSet<string> LinkKinds(ClaimDto claim) =>
        (claim.Attribution ?? []).Where(l => l?.Kind is not null and not "source").Select(l => l!.Kind!).ToHashSet(StringComparer.Ordinal);
}
