using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Cli.Bench;

/// <summary>
/// Realistic ledger events for benchmarks: each dyad stream opens with a source, then repeats a mix
/// of occurrences, claims (with quote, actor, attribution and a dated interval), links, revisions
/// and corroborations, in the proportions an analyst's imports produce.
/// </summary>
internal static class SyntheticLedger
{
    public const string Text = "وأجرى جيشا البلدين مناورة مشتركة الأسبوع الماضي في إطار اتفاقية التعاون العسكري الموقعة في سبتمبر الماضي. وقال المسؤول إن السلام والاستقرار في المنطقة هو الرسالة الرئيسية لهذه المناورات.";

    private static readonly string[] Kinds = ["visit", "meeting", "statement", "military-cooperation", "accusation", "agreement", "reduce-relations", "praise"];

    /// <summary>Distinct dyads named from synthetic three-letter codes (AAA-AAB, ...).</summary>
    public static DyadId Dyad(int index)
    {
        var a = index / 100;
        var b = 100 + (index % 100);
        return DyadId.Of(Code(a), Code(b));
    }

    private static string Code(int n) => new([(char)('A' + (n / 676 % 26)), (char)('A' + (n / 26 % 26)), (char)('A' + (n % 26))]);

    /// <summary>The source every synthetic claim of a dyad quotes.</summary>
    public static string SourceId(DyadId dyad) => $"src-{dyad}";

    /// <summary>The ids of the claims among a stream's first <paramref name="events"/> events (slots 1–4 of each block of ten).</summary>
    public static IEnumerable<string> ClaimIds(long events)
    {
        for (long revision = 1; revision < events; revision++)
        {
            var slot = (revision - 1) % 10;
            if (slot is >= 1 and <= 4)
            {
                yield return $"c{(revision - 1) / 10}-{slot}";
            }
        }
    }

    public static ILedgerEvent Event(DyadId dyad, long revision)
    {
        if (revision == 0)
        {
            return new SourceRegistered(SourceId(dyad), "Synthetic Wire", "ar", "Synthetic article", null, UncertainTime.Unknown, null, Text, SourceText.Sha256Hex(Text));
        }
        var block = (revision - 1) / 10;
        var slot = (revision - 1) % 10;
        var claim = $"c{block}-{slot}";
        var day = new DateOnly(2015, 1, 1).AddDays((int)(block * 7 % 4000));
        return slot switch
        {
            0 => new OccurrenceIdentified($"o{block}", $"synthetic occurrence {block}"),
            1 or 2 or 3 or 4 => new ClaimRecorded(
                claim, SourceId(dyad), Kinds[(int)((block + slot) % Kinds.Length)], $"Synthetic claim {claim} about occurrence {block}", Modality.Reported,
                [new Actor("Synthetic Minister", "speaker", dyad.First, "Minister of Defence", ActorLevel.Minister)],
                null,
                new UncertainTime(null, null, [new CandidateInterval(day, day.AddDays((int)slot), DatePrecision.Day, ResolutionMethod.Explicit, null, null)], []),
                [new AttributionLink("Synthetic Wire", AttributionKind.Source)],
                [new Quote(6, 18, Text[6..18])],
                new Confidence(Reliability.B, 2),
                [],
                null),
            5 or 6 or 7 => new ClaimLinked($"c{block}-{slot - 4}", $"o{block}", "bench"),
            8 => new ConfidenceRevised($"c{block}-1", new Confidence(Reliability.B, 2), new Confidence(Reliability.B, 1), "corroborated elsewhere"),
            _ => new ClaimsCorroborated($"c{block}-2", $"c{block}-3", "same wording"),
        };
    }
}
