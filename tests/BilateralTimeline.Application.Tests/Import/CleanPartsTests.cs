using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Tests.TestSupport;
using FluentValidation;

namespace BilateralTimeline.Application.Tests.Import;

/// <summary>
/// The import's cheap checks (<see cref="CleanParts"/>) let a part skip its FluentValidation validator,
/// so a part they pass must be one the validator passes: checked on every single and many double
/// mutations of good parts. And the validators' rule lists are held here, so a rule added to one
/// fails until the cheap checks mirror it.
/// </summary>
public sealed class CleanPartsTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly JsonNode?[] Replacements =
    [
        null, "", " ", "x", "no such thing", "c-1", "bad id!", "\t", "A", "G", "b", "AZE", "aze", "AZEX", "2023-01-10", "2023-02-30", "2023-1-1",
        "2024-01-01", "1999-12-31", "day", "explicit", "reported", "statement", "speaker", "minister", "corroborates", "contradicts", "date", "when",
        "retract", "revise-confidence", "supersede", "redate", "link", "unlink", "resolve-contradiction", "likely", "almost-certain", "Asia/Tehran",
        "2023-01-10T08:00", -1, 0, 1, 5, 6, 7, 12, 13, 999, true, false, new JsonArray(), new JsonArray((JsonNode?)null), new JsonObject(),
    ];

    public static TheoryData<string> Kinds => ["claims", "occurrences", "relations", "corrections"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_good_parts_are_clean_so_the_fast_path_is_taken(string kind)
    {
        foreach (var part in GoodParts(kind))
        {
            Assert.True(Validate(kind, part)?.Clean, $"{kind}: {part.ToJsonString()}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_part_the_cheap_checks_pass_is_one_its_validator_passes(string kind)
    {
        var random = new Random(20261206);
        var checkedParts = 0;
        var refused = 0;
        foreach (var good in GoodParts(kind))
        {
            var singles = Mutations(good).ToList();
            var doubles = Enumerable.Range(0, 200).Select(_ => Mutation(Mutation(good, random), random));
            foreach (var mutant in singles.Concat(doubles))
            {
                if (Validate(kind, mutant) is not { } outcome)
                {
                    continue;
                }
                checkedParts++;
                refused += outcome.Valid ? 0 : 1;
                Assert.False(outcome.Clean && !outcome.Valid, $"{kind} passed the cheap checks but not its validator: {mutant.ToJsonString()}");
            }
        }
        // The mutations must reach the validators' rules, or the test proves nothing.
        Assert.True(checkedParts > 500 && refused > 50, $"{checkedParts} parts, {refused} refused");
    }

    [Fact]
    public void The_validators_rule_lists_are_the_ones_the_cheap_checks_mirror()
    {
        // A change here means a validator's rules changed: mirror it in CleanParts, then update this list.
        Assert.Equal(
            [
                "id: NotEmptyValidator, PredicateValidator", "source: NotEmptyValidator, PredicateValidator", "occurrence: PredicateValidator",
                "kind: NotEmptyValidator, PredicateValidator", "cameo: PredicateValidator", "summary: NotEmptyValidator",
                "modality: NotEmptyValidator, PredicateValidator", "quotes: NotEmptyValidator",
                "quotes[]: NotNullValidator, ChildValidatorAdaptor{text: NotEmptyValidator | nth: GreaterThanOrEqualValidator | nth: NullValidator | start: NotNullValidator, GreaterThanOrEqualValidator | end: NotNullValidator, GreaterThanValidator | : PredicateValidator}",
                "confidence: NotNullValidator",
                "confidence: ChildValidatorAdaptor{reliability: NotEmptyValidator, PredicateValidator | credibility: NotNullValidator, InclusiveBetweenValidator | likelihood: PredicateValidator}",
                "actors[]: NotNullValidator, ChildValidatorAdaptor{name: NotEmptyValidator | role: NotEmptyValidator | country: PredicateValidator | level: PredicateValidator}",
                "attribution[]: NotNullValidator, ChildValidatorAdaptor{name: NotEmptyValidator | kind: PredicateValidator}",
                "effects[]: NotNullValidator, ChildValidatorAdaptor{subject: NotEmptyValidator | status: NotEmptyValidator}",
                $"occurred: ChildValidatorAdaptor{{{TimeRules}}}",
            ],
            Rules(new ClaimDtoValidator()));
        Assert.Equal(["id: NotEmptyValidator, PredicateValidator", "title: NotEmptyValidator"], Rules(new OccurrenceDtoValidator()));
        Assert.Equal(
            ["type: PredicateValidator", "claim: NotEmptyValidator, PredicateValidator", "other: NotEmptyValidator, PredicateValidator", "reason: NotEmptyValidator", "field: PredicateValidator"],
            Rules(new RelationDtoValidator()));
        Assert.Equal(
            [
                "type: PredicateValidator", "claim: NotEmptyValidator, PredicateValidator", "by: PredicateValidator", "other: PredicateValidator", "occurrence: PredicateValidator",
                "reason: NotEmptyValidator", "confidence: NotNullValidator",
                "confidence: ChildValidatorAdaptor{reliability: NotEmptyValidator, PredicateValidator | credibility: NotNullValidator, InclusiveBetweenValidator | likelihood: PredicateValidator}",
                "by: NotEmptyValidator", "occurred: NotNullValidator", $"occurred: ChildValidatorAdaptor{{{TimeRules}}}", "occurrence: NotEmptyValidator",
                "other: NotEmptyValidator", "field: NotEmptyValidator", "resolution: NotEmptyValidator",
            ],
            Rules(new CorrectionDtoValidator()));
    }

    private const string TimeRules = "candidates[]: NotNullValidator, ChildValidatorAdaptor{from: NotEmptyValidator, PredicateValidator | to: NotEmptyValidator, PredicateValidator | : PredicateValidator | precision: PredicateValidator | method: PredicateValidator | at: PredicateValidator | zone: PredicateValidator | from: PredicateValidator}";

    private sealed record Outcome(bool Clean, bool Valid);

    private static Outcome? Validate(string kind, JsonObject part)
    {
        try
        {
            return kind switch
            {
                "claims" => Check(part.Deserialize<ClaimDto>(Web), CleanParts.Claim, new ClaimDtoValidator()),
                "occurrences" => Check(part.Deserialize<OccurrenceDto>(Web), CleanParts.Occurrence, new OccurrenceDtoValidator()),
                "relations" => Check(part.Deserialize<RelationDto>(Web), CleanParts.Relation, new RelationDtoValidator()),
                _ => Check(part.Deserialize<CorrectionDto>(Web), CleanParts.Correction, new CorrectionDtoValidator()),
            };
        }
        catch (JsonException)
        {
            // A mutant of the wrong JSON type is refused by the reader, before any validator.
            return null;
        }
    }

    private static Outcome? Check<T>(T? part, Func<T?, bool> clean, IValidator<T> validator) =>
        part is null ? null : new Outcome(clean(part), validator.Validate(part).IsValid);

    private static IEnumerable<JsonObject> GoodParts(string kind)
    {
        foreach (var file in new[] { Samples.Baseline, Samples.Denial, Samples.Visits, Samples.Attack, Samples.Retract("c-embassy", "wrong") })
        {
            foreach (var part in Samples.Parse(file)[kind]?.AsArray() ?? [])
            {
                yield return part!.AsObject();
            }
        }
        if (kind == "claims")
        {
            var claim = Samples.Parse(Samples.Baseline)["claims"]![0]!.AsObject();
            claim["cameo"] = null;
            claim["effects"] = JsonNode.Parse("""[ { "subject": "embassy:AZE@Tehran", "status": "closed", "crisis": true } ]""");
            claim["attribution"] = JsonNode.Parse("""[ { "name": "Wire", "kind": "source" } ]""");
            claim["confidence"] = JsonNode.Parse("""{ "reliability": "B", "credibility": 2, "likelihood": "likely" }""");
            yield return claim;
        }
        var handMade = kind switch
        {
            "relations" => """
                [ { "type": "corroborates", "claim": "c-1", "other": "c-2", "reason": "same wording" },
                  { "type": "contradicts", "claim": "c-1", "other": "c-2", "field": "date", "reason": "dates differ", "detail": "a week apart" } ]
                """,
            "corrections" => """
                [ { "type": "revise-confidence", "claim": "c-1", "confidence": { "reliability": "C", "credibility": 3 }, "reason": "r" },
                  { "type": "supersede", "claim": "c-1", "by": "c-2", "reason": "r" },
                  { "type": "redate", "claim": "c-1", "occurred": { "candidates": [ { "from": "2023-01-10", "to": "2023-01-12", "precision": "day", "method": "explicit" } ] }, "reason": "r" },
                  { "type": "link", "claim": "c-1", "occurrence": "o-1", "reason": "r" },
                  { "type": "unlink", "claim": "c-1", "reason": "r" },
                  { "type": "resolve-contradiction", "claim": "c-1", "other": "c-2", "field": "date", "resolution": "c-1 holds", "reason": "r" } ]
                """,
            "occurrences" => """[ { "id": "o-1", "title": "a visit" } ]""",
            _ => "[]",
        };
        foreach (var part in JsonNode.Parse(handMade)!.AsArray())
        {
            yield return part!.AsObject();
        }
    }

    /// <summary>The part with one value (at any depth) replaced or removed, every way.</summary>
    private static IEnumerable<JsonObject> Mutations(JsonObject good)
    {
        var (template, slots) = Slots(good);
        foreach (var slot in slots)
        {
            foreach (var replacement in Replacements.Append(Removed))
            {
                yield return Apply(template, slot, replacement);
            }
        }
    }

    /// <summary>The part with one value replaced or removed, at random.</summary>
    private static JsonObject Mutation(JsonObject good, Random random)
    {
        var (template, slots) = Slots(good);
        return Apply(template, slots[random.Next(slots.Count)], random.Next(Replacements.Length + 1) is var r && r < Replacements.Length ? Replacements[r] : Removed);
    }

    /// <summary>Every place a value sits (a field, an item), plus absent fields the validators read, added to the top object as null.</summary>
    private static (JsonObject Template, List<(string ParentPath, object Key)> Slots) Slots(JsonObject good)
    {
        var slots = new List<(string, object)>();
        void Collect(JsonNode node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, child) in o)
                    {
                        slots.Add((o.GetPath(), name));
                        if (child is not null)
                        {
                            Collect(child);
                        }
                    }
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        slots.Add((a.GetPath(), i));
                        if (a[i] is { } child)
                        {
                            Collect(child);
                        }
                    }
                    break;
            }
        }
        var template = good.DeepClone().AsObject();
        foreach (var name in new[] { "occurrence", "cameo", "effects", "attribution", "actors", "occurred", "confidence", "field", "by", "other", "resolution", "nth", "likelihood" })
        {
            template.TryAdd(name, null);
        }
        Collect(template);
        return (template, slots);
    }

    private static JsonObject Apply(JsonObject template, (string ParentPath, object Key) slot, JsonNode? replacement)
    {
        var copy = template.DeepClone().AsObject();
        var parent = Walk(copy, slot.ParentPath);
        switch (parent, slot.Key)
        {
            case (JsonObject o, string name) when ReferenceEquals(replacement, Removed):
                o.Remove(name);
                break;
            case (JsonArray a, int index) when ReferenceEquals(replacement, Removed):
                a.RemoveAt(index);
                break;
            case (JsonObject o, string name):
                o[name] = replacement?.DeepClone();
                break;
            case (JsonArray a, int index):
                a[index] = replacement?.DeepClone();
                break;
        }
        return copy;
    }

    private static readonly JsonNode Removed = JsonValue.Create("<removed>");

    private static JsonNode Walk(JsonNode root, string path)
    {
        var node = root;
        foreach (var step in System.Text.RegularExpressions.Regex.Matches(path, @"\.([^.\[]+)|\['([^']+)'\]|\[(\d+)\]").Cast<System.Text.RegularExpressions.Match>())
        {
            node = step.Groups[3].Success ? node[int.Parse(step.Groups[3].Value)]! : node[step.Groups[1].Success ? step.Groups[1].Value : step.Groups[2].Value]!;
        }
        return node;
    }

    private static List<string> Rules(IValidator validator) =>
        ((IEnumerable<IValidationRule>)validator).Select(rule =>
            // The application may set a camel-case name resolver (as error paths are spelled); compare either way.
            $"{(rule.PropertyName is { Length: > 0 } p ? char.ToLowerInvariant(p[0]) + p[1..] : "")}{(rule.GetType().Name.StartsWith("CollectionPropertyRule", StringComparison.Ordinal) ? "[]" : "")}: "
            + string.Join(", ", rule.Components.Select(c => Name(c.Validator)))).ToList();

    private static string Name(object propertyValidator)
    {
        var type = propertyValidator.GetType();
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        var name = tick > 0 ? type.Name[..tick] : type.Name;
        var child = type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic).Select(f => f.GetValue(propertyValidator)).OfType<IValidator>().FirstOrDefault();
        return child is null ? name : $"{name}{{{string.Join(" | ", Rules(child))}}}";
    }
}
