using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BilateralTimeline.Cli.Tests.Support;

/// <summary>
/// The mandatory rules of STIX 2.1 that a bundle of ours can break, written from the specification
/// (sections 2.9 identifier, 3.2 timestamp, 3.1 common properties, 4.5 identity, 4.16 report,
/// 5.1 relationship, 7.3 extension definition, 11.1 custom objects), independent of the writer. An object of
/// a type STIX does not define must be a new SDO, SCO or SRO of an extension-definition in the bundle, as
/// 2.1 asks now that custom objects are deprecated. Returns every violation.
/// </summary>
public static partial class StixChecker
{
    private static readonly HashSet<string> Required = ["type", "spec_version", "id", "created", "modified"];

    /// <summary>The SDOs, SROs and meta objects STIX 2.1 defines (§4, §5, §7); anything else needs an extension-definition.</summary>
    private static readonly HashSet<string> Defined =
    [
        "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "indicator", "infrastructure",
        "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data", "opinion", "report",
        "threat-actor", "tool", "vulnerability", "relationship", "sighting", "extension-definition", "language-content", "marking-definition",
    ];

    /// <summary>extension-type-enum (§10.4).</summary>
    private static readonly HashSet<string> ExtensionTypes = ["new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension"];

    public static IReadOnlyList<string> Check(JsonNode bundle)
    {
        var problems = new List<string>();
        if ((string?)bundle["type"] != "bundle")
        {
            problems.Add("top level is not a bundle");
        }
        if (!IsId((string?)bundle["id"], "bundle"))
        {
            problems.Add($"bundle id {bundle["id"]} is not bundle--<uuid>");
        }
        var objects = bundle["objects"]?.AsArray() ?? [];
        var byId = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var node in objects)
        {
            var o = node!.AsObject();
            var id = (string?)o["id"] ?? "";
            if (!byId.TryAdd(id, o))
            {
                problems.Add($"{id}: id used twice");
            }
        }
        foreach (var o in byId.Values)
        {
            var id = (string?)o["id"] ?? "";
            var type = (string?)o["type"] ?? "";
            foreach (var property in Required.Where(p => o[p] is null))
            {
                problems.Add($"{id}: required property {property} missing");
            }
            if (!TypeName().IsMatch(type))
            {
                problems.Add($"{id}: type '{type}' is not 3–250 characters of a-z, 0-9 and single hyphens");
            }
            if (!IsId(id, type))
            {
                problems.Add($"{id}: id is not {type}--<RFC 4122 uuid>");
            }
            if ((string?)o["spec_version"] != "2.1")
            {
                problems.Add($"{id}: spec_version is not \"2.1\"");
            }
            foreach (var name in o.Select(p => p.Key).Where(k => !Required.Contains(k) && !PropertyName().IsMatch(k)))
            {
                problems.Add($"{id}: property name '{name}' is not 3–250 characters of a-z, 0-9 and _");
            }
            CheckTimestamps(o, id, problems);
            if (o["created_by_ref"] is { } creator && !(byId.TryGetValue((string)creator!, out var identity) && (string?)identity["type"] == "identity"))
            {
                problems.Add($"{id}: created_by_ref {creator} does not resolve to an identity in the bundle");
            }
            CheckRefs(o, id, byId, problems);
            if (o["confidence"] is { } confidence && confidence.GetValue<int>() is < 0 or > 100)
            {
                problems.Add($"{id}: confidence {confidence} outside 0–100");
            }
            if (o["revoked"] is { } revoked && revoked.GetValueKind() != System.Text.Json.JsonValueKind.True && revoked.GetValueKind() != System.Text.Json.JsonValueKind.False)
            {
                problems.Add($"{id}: revoked is not a boolean");
            }
            foreach (var reference in o["external_references"]?.AsArray() ?? [])
            {
                if (reference!["source_name"] is null || (reference["description"] is null && reference["url"] is null && reference["external_id"] is null))
                {
                    problems.Add($"{id}: an external reference lacks source_name or all of description, url and external_id");
                }
            }
            CheckType(o, id, type, problems);
            CheckExtensions(o, id, type, byId, problems);
        }
        return problems;
    }

    private static void CheckType(JsonObject o, string id, string type, List<string> problems)
    {
        string[] required = type switch
        {
            "identity" => ["name"],
            "report" => ["name", "published", "object_refs"],
            "relationship" => ["relationship_type", "source_ref", "target_ref"],
            "note" => ["content", "object_refs"],
            "opinion" => ["opinion", "object_refs"],
            "extension-definition" => ["created_by_ref", "name", "schema", "version", "extension_types"],
            _ => [],
        };
        foreach (var property in required.Where(p => o[p] is null))
        {
            problems.Add($"{id}: {type} requires {property}");
        }
        if (type == "report" && o["object_refs"] is JsonArray { Count: 0 })
        {
            problems.Add($"{id}: report object_refs is empty");
        }
        if (type == "relationship" && o["relationship_type"] is { } kind && !TypeName().IsMatch((string)kind!))
        {
            problems.Add($"{id}: relationship_type '{kind}' is not lowercase with hyphens");
        }
        if (type == "extension-definition")
        {
            if (o["version"] is { } version && !SemanticVersion().IsMatch((string)version!))
            {
                problems.Add($"{id}: version '{version}' is not a semantic version");
            }
            var kinds = o["extension_types"] as JsonArray ?? [];
            if (kinds.Count == 0 || kinds.Any(k => !ExtensionTypes.Contains((string?)k ?? "")))
            {
                problems.Add($"{id}: extension_types must be a non-empty list from extension-type-enum");
            }
        }
    }

    /// <summary>
    /// §7.3: every key of <c>extensions</c> that names an extension-definition resolves to one in the
    /// bundle declaring that extension type; an object of a type STIX does not define is a new-sdo/sco/sro
    /// of such a definition. §5.1: derived-from and duplicate-of join two objects of one type.
    /// </summary>
    private static void CheckExtensions(JsonObject o, string id, string type, Dictionary<string, JsonObject> byId, List<string> problems)
    {
        var declared = new List<string>();
        foreach (var (key, value) in o["extensions"] as JsonObject ?? [])
        {
            if (!key.StartsWith("extension-definition--", StringComparison.Ordinal))
            {
                continue;
            }
            var kind = (string?)value?["extension_type"];
            if (!byId.TryGetValue(key, out var definition) || (string?)definition["type"] != "extension-definition")
            {
                problems.Add($"{id}: extension {key} does not resolve to an extension-definition in the bundle");
            }
            else if (kind is null || !(definition["extension_types"] as JsonArray ?? []).Any(k => (string?)k == kind))
            {
                problems.Add($"{id}: extension {key} is used as '{kind}', which its definition does not declare");
            }
            if (kind is not null)
            {
                declared.Add(kind);
            }
        }
        if (!Defined.Contains(type) && !declared.Any(k => k is "new-sdo" or "new-sco" or "new-sro"))
        {
            problems.Add($"{id}: type '{type}' is not defined by STIX 2.1 and no extension-definition declares it a new object");
        }
        if (type == "relationship" && (string?)o["relationship_type"] is "derived-from" or "duplicate-of"
            && (string?)o["source_ref"] is { } source && (string?)o["target_ref"] is { } target
            && TypeOf(source) != TypeOf(target))
        {
            problems.Add($"{id}: {o["relationship_type"]} joins a {source} to a {target}: it must join two objects of one type");
        }
    }

    private static void CheckTimestamps(JsonObject o, string id, List<string> problems)
    {
        foreach (var name in new[] { "created", "modified", "published", "first_seen", "last_seen", "valid_from", "valid_until", "interval_start", "interval_end" })
        {
            if (o[name] is { } value && !Timestamp().IsMatch((string)value!))
            {
                problems.Add($"{id}: {name} '{value}' is not an RFC 3339 UTC timestamp ending in Z");
            }
        }
        // Millisecond precision is what STIX asks of created and modified.
        foreach (var name in new[] { "created", "modified" })
        {
            if (o[name] is { } value && !MillisecondTimestamp().IsMatch((string)value!))
            {
                problems.Add($"{id}: {name} '{value}' is not at millisecond precision");
            }
        }
        if (o["created"] is { } created && o["modified"] is { } modified && string.CompareOrdinal((string)modified!, (string)created!) < 0)
        {
            problems.Add($"{id}: modified is earlier than created");
        }
    }

    private static void CheckRefs(JsonNode node, string id, Dictionary<string, JsonObject> byId, List<string> problems)
    {
        if (node is not JsonObject o)
        {
            foreach (var item in (node as JsonArray) ?? [])
            {
                if (item is not null)
                {
                    CheckRefs(item, id, byId, problems);
                }
            }
            return;
        }
        foreach (var (key, value) in o)
        {
            if (key.EndsWith("_ref", StringComparison.Ordinal) && !byId.ContainsKey((string?)value ?? ""))
            {
                problems.Add($"{id}: {key} {value} does not resolve inside the bundle");
            }
            else if (key.EndsWith("_refs", StringComparison.Ordinal))
            {
                foreach (var target in value!.AsArray().Where(t => !byId.ContainsKey((string?)t ?? "")))
                {
                    problems.Add($"{id}: {key} entry {target} does not resolve inside the bundle");
                }
            }
            else if (value is JsonObject or JsonArray)
            {
                CheckRefs(value, id, byId, problems);
            }
        }
    }

    private static string TypeOf(string reference) => reference.Split("--")[0];

    private static bool IsId(string? id, string type) =>
        id is not null && id.StartsWith(type + "--", StringComparison.Ordinal) && Uuid().IsMatch(id[(type.Length + 2)..]);

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Uuid();

    [GeneratedRegex("^(?=.{3,250}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex TypeName();

    [GeneratedRegex("^[a-z0-9_]{3,250}$")]
    private static partial Regex PropertyName();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex SemanticVersion();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex MillisecondTimestamp();
}
