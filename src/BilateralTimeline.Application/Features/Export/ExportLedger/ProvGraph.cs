using BilateralTimeline.Application.Projections;
using BilateralTimeline.Domain.Claims;
using static BilateralTimeline.Application.Features.Export.ExportLedger.ProvStatement;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>
/// The export as W3C PROV statements, produced lazily in a fixed order (claims in timeline order), so
/// the PROV-JSON and Turtle writers stream the same graph. The mapping is documented in docs/export.md.
/// </summary>
public static class ProvGraph
{
    public static IEnumerable<ProvStatement> Statements(LedgerExport export) => Statements(export, export.Claims().ToList());

    /// <summary>The graph over claims already picked from the timeline, for a writer that walks it more than once.</summary>
    public static IEnumerable<ProvStatement> Statements(LedgerExport export, IReadOnlyList<ClaimView> claims)
    {
        var agents = new HashSet<string>(StringComparer.Ordinal);
        var sources = new HashSet<string>(StringComparer.Ordinal);
        var delegations = new HashSet<string>(StringComparer.Ordinal);
        var exported = claims.ToDictionary(c => c.Claim.ClaimId, StringComparer.Ordinal);
        foreach (var c in claims)
        {
            var claimId = ProvIds.Claim(c.EventId);
            var source = export.SourceOf(c);
            var sourceId = source is null ? null : ProvIds.Source(source.EventId);
            if (source is not null && sources.Add(sourceId!))
            {
                foreach (var s in Source(source, sourceId!, agents))
                {
                    yield return s;
                }
            }
            yield return Element(ProvKind.Entity, claimId,
                A("prov:type", new ProvName("bt:Claim")),
                A("prov:label", c.Claim.ClaimId),
                A("bt:claimId", c.Claim.ClaimId),
                A("bt:summary", c.Claim.Summary),
                A("bt:kind", c.Claim.Kind),
                A("bt:modality", Serialization.Kebab.Format(c.Claim.Modality)),
                A("bt:status", ExportRow.StatusOf(c)),
                A("bt:grade", c.Confidence.Grade),
                A("bt:confidence", ConfidenceScale.Score(c.Confidence)),
                A("bt:position", c.Position));

            var recording = ProvIds.Recording(c.EventId);
            // An event is an instant: the activity starts then, and its end would only repeat the time.
            yield return Element(ProvKind.Activity, recording,
                A("prov:startTime", new ProvTime(c.Recorded)),
                A("prov:type", new ProvName("bt:Recording")), A("bt:eventId", c.EventId.ToString("D")));
            yield return Rel(ProvKind.WasGeneratedBy, claimId, recording, A("prov:time", new ProvTime(c.Recorded)));
            foreach (var s in Recorder(recording, c.RecordedBy, agents))
            {
                yield return s;
            }
            if (sourceId is not null)
            {
                yield return Rel(ProvKind.Used, recording, sourceId);
            }

            for (var i = 0; i < c.Claim.Quotes.Count; i++)
            {
                var quote = c.Claim.Quotes[i];
                var quoteId = ProvIds.Quote(c.EventId, i);
                // The offsets belong to the derivation (these words, taken from the source there), stated once.
                yield return Element(ProvKind.Entity, quoteId,
                    A("prov:type", new ProvName("bt:Quote")), A("prov:value", quote.Text));
                if (sourceId is not null)
                {
                    yield return Rel(ProvKind.WasDerivedFrom, quoteId, sourceId, A("bt:start", quote.Start), A("bt:end", quote.End));
                }
                yield return Rel(ProvKind.WasDerivedFrom, claimId, quoteId);
            }
            if (c.Claim.Quotes.Count == 0 && sourceId is not null)
            {
                yield return Rel(ProvKind.WasDerivedFrom, claimId, sourceId);
            }

            foreach (var s in Attribution(claimId, c.Claim, agents, delegations))
            {
                yield return s;
            }
            foreach (var s in Corrections(c, claimId, exported, agents))
            {
                yield return s;
            }
        }
    }

    private static IEnumerable<ProvStatement> Source(SourceView source, string sourceId, HashSet<string> agents)
    {
        var s = source.Source;
        var attributes = new List<KeyValuePair<string, object>>
        {
            A("prov:type", new ProvName("bt:Source")),
            A("prov:label", s.Title),
            A("bt:sourceId", s.SourceId),
            A("bt:outlet", s.Outlet),
            A("bt:sha256", s.Sha256),
            A("bt:language", s.Language),
        };
        if (s.Url is { Length: > 0 } url)
        {
            attributes.Add(A("bt:url", url));
        }
        if (s.Published.Earliest is { } published)
        {
            attributes.Add(A("bt:published", published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }
        yield return Element(ProvKind.Entity, sourceId, [.. attributes]);
        var outlet = ProvIds.Agent("organization", s.Outlet);
        if (agents.Add(outlet))
        {
            yield return Element(ProvKind.Agent, outlet, A("prov:type", new ProvName("prov:Organization")), A("prov:label", s.Outlet), A("bt:role", "outlet"));
        }
        yield return Rel(ProvKind.WasAttributedTo, sourceId, outlet);
    }

    private static IEnumerable<ProvStatement> Recorder(string activity, string recordedBy, HashSet<string> agents)
    {
        var agent = ProvIds.Agent("recorder", recordedBy);
        if (agents.Add(agent))
        {
            yield return Element(ProvKind.Agent, agent, A("prov:type", new ProvName("bt:Recorder")), A("prov:label", recordedBy), A("bt:role", "recorder"));
        }
        yield return Rel(ProvKind.WasAssociatedWith, activity, agent);
    }

    /// <summary>
    /// Each named link of the chain (article → cited outlet → speaker) is an agent the claim is
    /// attributed to; each link acted on behalf of the next, whose words it carried.
    /// </summary>
    private static IEnumerable<ProvStatement> Attribution(string claimId, ClaimRecorded claim, HashSet<string> agents, HashSet<string> delegations)
    {
        string? previous = null;
        var attributed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in claim.Attribution)
        {
            if (Classify(link.Kind) is not { } kind)
            {
                continue;
            }
            var agent = ProvIds.Agent(kind.Class, link.Name);
            if (agents.Add(agent))
            {
                yield return Element(ProvKind.Agent, agent, A("prov:type", new ProvName(kind.Type)), A("prov:label", link.Name), A("bt:role", kind.Role));
            }
            if (attributed.Add(agent))
            {
                yield return Rel(ProvKind.WasAttributedTo, claimId, agent);
            }
            if (previous is not null && previous != agent && delegations.Add($"{previous} {agent}"))
            {
                yield return Rel(ProvKind.ActedOnBehalfOf, previous, agent);
            }
            previous = agent;
        }
    }

    /// <summary>Retractions invalidate the claim; supersessions make the newer claim a revision of it; re-datings and confidence revisions make a revised version of it.</summary>
    private static IEnumerable<ProvStatement> Corrections(ClaimView c, string claimId, IReadOnlyDictionary<string, ClaimView> exported, HashSet<string> agents)
    {
        foreach (var change in c.Changes)
        {
            var kind = change.What switch
            {
                "retracted" => "retract",
                _ when change.What.StartsWith("superseded by ", StringComparison.Ordinal) => "supersede",
                _ when change.What.StartsWith("confidence ", StringComparison.Ordinal) || change.What.StartsWith("re-dated ", StringComparison.Ordinal) => "revise",
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }
            var correction = ProvIds.Correction(change.EventId);
            var at = new ProvTime(change.Recorded);
            yield return Element(ProvKind.Activity, correction,
                A("prov:startTime", at),
                A("prov:type", new ProvName("bt:Correction")), A("bt:correction", kind), A("bt:change", change.What), A("bt:reason", change.Reason), A("bt:eventId", change.EventId.ToString("D")));
            foreach (var s in Recorder(correction, change.RecordedBy, agents))
            {
                yield return s;
            }
            yield return Rel(ProvKind.Used, correction, claimId, A("prov:time", at));
            switch (kind)
            {
                case "retract":
                    yield return Rel(ProvKind.WasInvalidatedBy, claimId, correction, A("prov:time", at));
                    break;
                case "supersede" when exported.TryGetValue(change.What["superseded by ".Length..], out var replacement):
                    yield return Rel(ProvKind.WasRevisionOf, ProvIds.Claim(replacement.EventId), claimId, A("prov:activity", new ProvName(correction)));
                    break;
                case "revise":
                    var revision = ProvIds.Revision(change.EventId, c.EventId);
                    yield return Element(ProvKind.Entity, revision,
                        A("prov:type", new ProvName("bt:ClaimRevision")), A("prov:label", $"{c.Claim.ClaimId}: {change.What}"), A("bt:claimId", c.Claim.ClaimId), A("bt:change", change.What));
                    yield return Rel(ProvKind.WasGeneratedBy, revision, correction, A("prov:time", at));
                    yield return Rel(ProvKind.WasRevisionOf, revision, claimId, A("prov:activity", new ProvName(correction)));
                    break;
            }
        }
    }

    private static ProvStatement Rel(ProvKind kind, string subject, string @object, params KeyValuePair<string, object>[] attributes) =>
        Relation(kind, ProvIds.Relation(kind, subject, @object), subject, @object, attributes);

    private static (string Class, string Type, string Role)? Classify(AttributionKind kind) => kind switch
    {
        AttributionKind.Outlet => ("organization", "prov:Organization", "outlet"),
        AttributionKind.Agency => ("organization", "prov:Organization", "agency"),
        AttributionKind.Organisation => ("organization", "prov:Organization", "organisation"),
        AttributionKind.Speaker => ("individual", "prov:Person", "speaker"),
        _ => null,
    };
}
