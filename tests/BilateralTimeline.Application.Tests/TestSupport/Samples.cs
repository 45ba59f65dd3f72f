using System.Text.Json.Nodes;

namespace BilateralTimeline.Application.Tests.TestSupport;

/// <summary>
/// Import files as an analyst would write them. Offsets count UTF-16 code units and hashes are the
/// SHA-256 of the UTF-8 text, both computed outside .NET when these files were written.
/// </summary>
internal static class Samples
{
    public const string ArticleText = "Baku, 28 January 2023. Azerbaijan closed its embassy in Tehran after the attack on the mission. Foreign Minister Jeyhun Bayramov met Iranian Foreign Minister Hossein Amir-Abdollahian in Moscow on 10 January. An analyst said relations would get worse.";

    public const string ArticleSha256 = "a65e5e8894bf602618fc050896e46860d411302263ba20c1b43d65693d0fa8bc";

    public const string DenialText = "Tehran, 2 February 2023. The ministry spokesman said Iran had nothing to do with the attack and called for calm.";

    public const string VisitsText = "In November 2022 Defence Minister Zakir Hasanov visited Tehran. On 5 February 2023 a consular delegation visited Tehran.";

    /// <summary>"The Azerbaijani foreign ministry announced the closure of its embassy in Tehran after the attack."</summary>
    public const string ArabicText = "أعلنت وزارة الخارجية الأذربيجانية إغلاق سفارتها في طهران بعد الهجوم.";

    public const string ArabicSha256 = "4d81c5cc0d7002e0bc5baa48a11df3c7bc18cc3cbcf315f327b0f799929ea3df";

    /// <summary>One source, two occurrences, two claims: an embassy closure (a crisis) and a ministers' meeting.</summary>
    public const string Baseline = $$"""
        {
          "$schema": "../docs/import.schema.json",
          "formatVersion": 1,
          "dyad": "AZE-IRN",
          "sources": [
            {
              "id": "src-1",
              "outlet": "Example Agency",
              "language": "en",
              "title": "Azerbaijan closes its embassy in Tehran",
              "url": null,
              "text": "{{ArticleText}}",
              "sha256": "{{ArticleSha256}}",
              "published": { "phrase": "28 January 2023", "language": "en", "candidates": [ { "from": "2023-01-28", "to": "2023-01-28", "precision": "day", "method": "explicit" } ] },
              "retrieved": "2023-01-29T08:00:00Z"
            }
          ],
          "occurrences": [
            { "id": "occ-closure", "title": "Azerbaijan closes its embassy in Tehran" },
            { "id": "occ-moscow", "title": "Foreign ministers meet in Moscow" }
          ],
          "claims": [
            {
              "id": "c-closure",
              "source": "src-1",
              "occurrence": "occ-closure",
              "kind": "reduce-relations",
              "summary": "Azerbaijan closed its embassy in Tehran",
              "modality": "asserted",
              "actors": [ { "name": "Azerbaijan", "role": "actor", "country": "AZE", "level": "organisation" } ],
              "place": "Tehran",
              "occurred": { "phrase": "28 January 2023", "language": "en", "candidates": [ { "from": "2023-01-27", "to": "2023-01-27", "precision": "day", "method": "inferred-from-context", "reason": "reported the next day" } ] },
              "quotes": [ { "start": 23, "end": 62, "text": "Azerbaijan closed its embassy in Tehran" } ],
              "confidence": { "reliability": "B", "credibility": 2 },
              "effects": [ { "subject": "embassy:AZE@Tehran", "status": "closed", "crisis": true } ]
            },
            {
              "id": "c-moscow",
              "source": "src-1",
              "occurrence": "occ-moscow",
              "kind": "meeting",
              "summary": "The two foreign ministers met in Moscow",
              "modality": "asserted",
              "actors": [
                { "name": "Jeyhun Bayramov", "role": "participant", "country": "AZE", "title": "Foreign Minister", "level": "minister" },
                { "name": "Hossein Amir-Abdollahian", "role": "participant", "country": "IRN", "title": "Foreign Minister", "level": "minister" }
              ],
              "place": "Moscow",
              "occurred": { "phrase": "on 10 January", "language": "en", "candidates": [ { "from": "2023-01-10", "to": "2023-01-10", "precision": "day", "method": "relative-to-publication", "anchor": "2023-01-28" } ] },
              "attribution": [ { "name": "Example Agency", "kind": "source" } ],
              "quotes": [ { "start": 96, "end": 182, "text": "Foreign Minister Jeyhun Bayramov met Iranian Foreign Minister Hossein Amir-Abdollahian" } ],
              "confidence": { "reliability": "B", "credibility": 2 }
            }
          ]
        }
        """;

    /// <summary>
    /// <see cref="Baseline"/> with every id it defines made its own by <paramref name="suffix"/>: a
    /// different file for the same dyad, as analysts importing side by side write them.
    /// </summary>
    public static string BaselineWithIds(string suffix) =>
        new[] { "src-1", "occ-closure", "occ-moscow", "c-closure", "c-moscow" }
            .Aggregate(Baseline, (json, id) => json.Replace($"\"{id}\"", $"\"{id}-{suffix}\"", StringComparison.Ordinal));

    /// <summary>A follow-up with a new source and one claim; the rejection tests break it one field at a time.</summary>
    public const string Denial = $$"""
        {
          "formatVersion": 1,
          "dyad": "IRN-AZE",
          "sources": [
            {
              "id": "src-2",
              "outlet": "Example Agency",
              "language": "en",
              "title": "Iran denies a link to the attack",
              "text": "{{DenialText}}"
            }
          ],
          "claims": [
            {
              "id": "c-denial",
              "source": "src-2",
              "kind": "rejection",
              "summary": "Iran denied any link to the attack on the embassy",
              "modality": "denial",
              "occurred": { "phrase": "2 February 2023", "language": "en", "candidates": [ { "from": "2023-02-02", "to": "2023-02-02", "precision": "day", "method": "explicit" } ] },
              "attribution": [ { "name": "the ministry spokesman", "kind": "speaker" } ],
              "quotes": [ { "start": 53, "end": 91, "text": "Iran had nothing to do with the attack" } ],
              "confidence": { "reliability": "C", "credibility": 3 }
            }
          ]
        }
        """;

    /// <summary>An attack somewhere in the last third of January: its interval straddles mid-January dates.</summary>
    public const string Attack = """
        {
          "formatVersion": 1,
          "dyad": "AZE-IRN",
          "claims": [
            {
              "id": "c-attack",
              "source": "src-1",
              "kind": "assault",
              "summary": "The embassy was attacked",
              "modality": "asserted",
              "occurred": { "phrase": "after the attack", "language": "en", "candidates": [ { "from": "2023-01-20", "to": "2023-01-27", "precision": "week", "method": "inferred-from-context", "reason": "before the closure, date not given" } ] },
              "quotes": [ { "start": 63, "end": 94, "text": "after the attack on the mission" } ],
              "confidence": { "reliability": "B", "credibility": 3 }
            }
          ]
        }
        """;

    /// <summary>A minister's visit in November 2022 and a lower-level delegation in February 2023.</summary>
    public const string Visits = $$"""
        {
          "formatVersion": 1,
          "dyad": "AZE-IRN",
          "sources": [ { "id": "src-3", "outlet": "Example Agency", "language": "en", "title": "Visits to Tehran", "text": "{{VisitsText}}" } ],
          "claims": [
            {
              "id": "c-visit-2022",
              "source": "src-3",
              "kind": "visit",
              "summary": "The defence minister visited Tehran",
              "modality": "asserted",
              "actors": [ { "name": "Zakir Hasanov", "role": "visitor", "country": "AZE", "title": "Minister of Defence", "level": "minister" } ],
              "occurred": { "phrase": "In November 2022", "language": "en", "candidates": [ { "from": "2022-11-01", "to": "2022-11-30", "precision": "month", "method": "explicit" } ] },
              "quotes": [ { "start": 17, "end": 62, "text": "Defence Minister Zakir Hasanov visited Tehran" } ],
              "confidence": { "reliability": "B", "credibility": 2 }
            },
            {
              "id": "c-delegation",
              "source": "src-3",
              "kind": "visit",
              "summary": "A consular delegation visited Tehran",
              "modality": "asserted",
              "actors": [ { "name": "consular delegation", "role": "visitor", "country": "AZE", "level": "official" } ],
              "occurred": { "phrase": "On 5 February 2023", "language": "en", "candidates": [ { "from": "2023-02-05", "to": "2023-02-05", "precision": "day", "method": "explicit" } ] },
              "quotes": [ { "start": 83, "end": 119, "text": "a consular delegation visited Tehran" } ],
              "confidence": { "reliability": "B", "credibility": 2 }
            }
          ]
        }
        """;

    public static string Retract(string claimId, string reason) => $$"""
        {
          "formatVersion": 1,
          "dyad": "AZE-IRN",
          "claims": [],
          "corrections": [ { "type": "retract", "claim": "{{claimId}}", "reason": "{{reason}}" } ]
        }
        """;

    /// <summary>The analyst's forecast in the baseline article, graded as a threat, with the given modality.</summary>
    public static string Forecast(string modality) => $$"""
        {
          "formatVersion": 1,
          "dyad": "AZE-IRN",
          "claims": [
            {
              "id": "c-forecast",
              "source": "src-1",
              "kind": "threat",
              "summary": "Relations will get worse",
              "modality": "{{modality}}",
              "occurred": { "candidates": [ { "from": "2023-01-28", "to": "2023-01-28", "precision": "day", "method": "explicit" } ] },
              "quotes": [ { "start": 208, "end": 249, "text": "An analyst said relations would get worse" } ],
              "confidence": { "reliability": "A", "credibility": 1 }
            }
          ]
        }
        """;

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonObject DenialClaim(JsonObject file) => file["claims"]![0]!.AsObject();
}
