using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Scoring;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>
/// Random ledgers of several sources whose claims rest on a few shared origins (outlets, agencies,
/// speakers), with every grade, and every correction that names claims: links and unlinks,
/// retractions, re-gradings, re-datings, corroborations, contradictions and their resolutions, and
/// supersessions, each naming only claims recorded before it. What a sensitivity replay must leave
/// out is then spread across all of them.
/// </summary>
internal static class SensitivityLedgerGenerator
{
    public static readonly string[] Outlets = ["Daily Outlet", "Evening Outlet"];

    public static readonly string[] Agencies = ["IRNA", "Azertac", "Trend"];

    public static readonly string[] Speakers = ["A Spokesperson", "The Minister"];

    private static readonly Reliability[] Reliabilities = Enum.GetValues<Reliability>();

    private static readonly Modality[] Modalities = [Modality.Asserted, Modality.Asserted, Modality.Reported, Modality.Unconfirmed, Modality.Opinion, Modality.Denial];

    public static List<(ILedgerEvent Event, int GapSeconds)> History(Random random, int events)
    {
        var history = new List<(ILedgerEvent, int)>();
        var sources = new List<string>();
        var claims = new List<(string Id, Confidence Confidence)>();
        var occurrences = new List<string>();
        var linked = new Dictionary<string, string>(StringComparer.Ordinal);
        var open = new List<(string Claim, string Other, string Field)>();
        void Add(ILedgerEvent e) => history.Add((e, random.Next(3) == 0 ? 0 : random.Next(1, 2 * 24 * 3600)));

        while (history.Count < events)
        {
            var choice = sources.Count == 0 ? -1 : claims.Count < 3 ? 0 : random.Next(16);
            if (choice == -1 || (choice == 15 && sources.Count < 4))
            {
                var id = $"s{sources.Count + 1}";
                sources.Add(id);
                var text = $"Text of {id}";
                Add(new SourceRegistered(id, Outlets[random.Next(Outlets.Length)], "en", $"Article {id}", null, HistoryGenerator.Dated(random), null, text, SourceText.Sha256Hex(text)));
                continue;
            }
            if (choice is >= 0 and <= 4 || claims.Count < 3)
            {
                var id = $"c{claims.Count + 1}";
                var confidence = new Confidence(Reliabilities[random.Next(Reliabilities.Length)], random.Next(1, 7));
                claims.Add((id, confidence));
                var kind = ClaimKinds.Catalogue[random.Next(ClaimKinds.Catalogue.Count)].Kind;
                var source = sources[random.Next(sources.Count)];
                Add(new ClaimRecorded(
                    id, source, kind, $"claim {id}", Modalities[random.Next(Modalities.Length)], [], null, HistoryGenerator.Dated(random),
                    Attribution(random, source), [], confidence, Effects(random), null));
                continue;
            }
            var target = random.Next(claims.Count);
            var claim = claims[target].Id;
            var other = claims[(target + 1 + random.Next(claims.Count - 1)) % claims.Count].Id;
            switch (choice)
            {
                case 5:
                case 6:
                    if (occurrences.Count == 0 || random.Next(3) == 0)
                    {
                        var occurrence = $"o{occurrences.Count + 1}";
                        occurrences.Add(occurrence);
                        Add(new OccurrenceIdentified(occurrence, $"occurrence {occurrence}"));
                    }
                    linked[claim] = occurrences[random.Next(occurrences.Count)];
                    Add(new ClaimLinked(claim, linked[claim], "same happening"));
                    break;
                case 7:
                    if (linked.Remove(claim, out var from))
                    {
                        Add(new ClaimUnlinked(claim, from, "another happening"));
                    }
                    break;
                case 8:
                    Add(new ClaimRetracted(claim, "withdrawn"));
                    break;
                case 9:
                    var revised = new Confidence(Reliabilities[random.Next(Reliabilities.Length)], random.Next(1, 7));
                    Add(new ConfidenceRevised(claim, claims[target].Confidence, revised, "re-graded"));
                    claims[target] = (claim, revised);
                    break;
                case 10:
                    Add(new ClaimRedated(claim, Domain.Time.UncertainTime.Unknown, HistoryGenerator.Dated(random), "re-read"));
                    break;
                case 11:
                    Add(new ClaimsCorroborated(claim, other, "same account"));
                    break;
                case 12:
                    var field = random.Next(2) == 0 ? "date" : "fact";
                    open.Add((claim, other, field));
                    Add(new ClaimsContradicted(claim, other, field, "they differ"));
                    break;
                case 13:
                    if (open.Count > 0)
                    {
                        var (a, b, f) = open[random.Next(open.Count)];
                        open.Remove((a, b, f));
                        Add(random.Next(2) == 0 ? new ContradictionResolved(a, b, f, $"{a} holds", "settled") : new ContradictionResolved(b, a, f, $"{b} holds", "settled"));
                    }
                    break;
                default:
                    Add(new ClaimSuperseded(claim, other, "newer report"));
                    break;
            }
        }
        return history;
    }

    /// <summary>The article, then sometimes an agency and sometimes a speaker, spelled in varying case.</summary>
    private static List<AttributionLink> Attribution(Random random, string source)
    {
        var chain = new List<AttributionLink> { new($"article {source}", AttributionKind.Source) };
        if (random.Next(2) == 0)
        {
            var agency = Agencies[random.Next(Agencies.Length)];
            chain.Add(new AttributionLink(random.Next(4) == 0 ? agency.ToUpperInvariant() : agency, AttributionKind.Agency));
        }
        if (random.Next(3) == 0)
        {
            chain.Add(new AttributionLink(Speakers[random.Next(Speakers.Length)], AttributionKind.Speaker));
        }
        if (random.Next(6) == 0)
        {
            chain.Add(new AttributionLink("unnamed officials", AttributionKind.Unnamed));
        }
        return chain;
    }

    private static List<StatusEffect> Effects(Random random) => random.Next(4) == 0
        ? [new StatusEffect(random.Next(2) == 0 ? "embassy:AZE@Tehran" : "agreement:gas", random.Next(2) == 0 ? "open" : "closed", random.Next(2) == 0)]
        : [];
}
