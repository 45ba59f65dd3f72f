using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;
using static BilateralTimeline.Cli.Tests.ExportTests;

namespace BilateralTimeline.Cli.Tests;

/// <summary>bt export --format prov-json|prov-ttl read back by Debian's python3-prov and python3-rdflib, which share no code with our writers.</summary>
public sealed class ProvExportTests
{
    /// <summary>Summarises a PROV-JSON file as python-prov understands it, not as our writer meant it.</summary>
    private const string ProvSummary = """
        import json, sys
        import prov.model as m
        doc = m.ProvDocument.deserialize(sys.argv[1], format='json')
        BT = 'urn:x-bt:'
        def types(r):
            return {str(t.uri) if hasattr(t, 'uri') else str(t) for t in r.get_asserted_types()}
        def attr(r, name):
            return [str(v) for v in r.get_attribute(m.QualifiedName(m.Namespace('bt', BT), name))]
        entities = list(doc.get_records(m.ProvEntity))
        claims = [e for e in entities if BT + 'Claim' in types(e)]
        by_id = {str(c.identifier): attr(c, 'claimId')[0] for c in claims}
        invalidated = [by_id[str(r.formal_attributes[0][1])] for r in doc.get_records(m.ProvInvalidation)]
        offsets = [(int(attr(r, 'start')[0]), int(attr(r, 'end')[0])) for r in doc.get_records(m.ProvDerivation) if attr(r, 'start')]
        revisions = [r for r in doc.get_records(m.ProvDerivation) if m.PROV['Revision'] in r.get_asserted_types()]
        generated = {str(r.formal_attributes[0][1]) for r in doc.get_records(m.ProvGeneration)}
        print(json.dumps({
            'claims': sorted(by_id.values()),
            'sources': len([e for e in entities if BT + 'Source' in types(e)]),
            'quotes': len([e for e in entities if BT + 'Quote' in types(e)]),
            'activities': len(list(doc.get_records(m.ProvActivity))),
            'agents': len(list(doc.get_records(m.ProvAgent))),
            'invalidated': invalidated,
            'offsets': sorted(offsets),
            'revisions': len(revisions),
            'claims_generated': all(c in generated for c in by_id),
            'associations': len(list(doc.get_records(m.ProvAssociation))),
            'attributions': len(list(doc.get_records(m.ProvAttribution))),
        }, ensure_ascii=False))
        """;

    /// <summary>Queries the Turtle with rdflib's SPARQL: the claims, the invalidated ones and the offsets of qualified derivations.</summary>
    private const string TurtleSummary = """
        import json, sys, rdflib
        g = rdflib.Graph()
        g.parse(sys.argv[1], format='turtle')
        P = 'PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX bt: <urn:x-bt:> '
        claims = sorted(str(r[0]) for r in g.query(P + 'SELECT ?id WHERE { ?c a prov:Entity, bt:Claim ; bt:claimId ?id }'))
        invalidated = sorted(str(r[0]) for r in g.query(P + 'SELECT ?id WHERE { ?c a bt:Claim ; bt:claimId ?id ; prov:wasInvalidatedBy ?a ; prov:invalidatedAtTime ?t . ?a a prov:Activity ; prov:wasAssociatedWith ?who }'))
        offsets = sorted((int(r[0]), int(r[1])) for r in g.query(P + 'SELECT ?s ?e WHERE { ?q a bt:Quote ; prov:wasDerivedFrom ?src ; prov:qualifiedDerivation [ prov:entity ?src ; bt:start ?s ; bt:end ?e ] . ?src a bt:Source }'))
        recorded = int(g.query(P + 'SELECT (COUNT(?c) AS ?n) WHERE { ?c a bt:Claim ; prov:wasGeneratedBy ?r . ?r a bt:Recording ; prov:wasAssociatedWith ?who . ?who a prov:Agent }').bindings[0]['n'])
        print(json.dumps({'claims': claims, 'invalidated': invalidated, 'offsets': offsets, 'recorded': recorded, 'triples': len(g)}, ensure_ascii=False))
        """;

    [Fact]
    public async Task Prov_json_of_the_samples_reads_back_with_python_prov_one_claim_entity_per_timeline_claim_and_the_retraction_invalidating()
    {
        using var bt = new BtSandbox();
        Assert.Equal(0, (await bt.Bt("demo", "--samples", Samples.Folder())).ExitCode);
        var claimIds = await TimelineClaimIds(bt);
        var retracted = claimIds[1];
        Assert.Equal(0, (await bt.Bt("retract", retracted, "--reason", "the outlet withdrew it", "--by", "analyst:test")).ExitCode);
        var rows = JsonLines(await Export(bt, "jsonl"));

        var read = JsonNode.Parse(await Python.RunDebianAsync(ProvSummary, await Export(bt, "prov-json")))!;

        Assert.Equal(claimIds.Order(StringComparer.Ordinal), read["claims"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(rows.Select(r => (string)r["source_id"]!).Distinct().Count(), (int)read["sources"]!);
        var quotes = rows.SelectMany(r => r["quotes"]!.AsArray()).ToList();
        Assert.Equal(quotes.Count, (int)read["quotes"]!);
        Assert.Equal(quotes.Select(q => ((int)q!["start"]!, (int)q["end"]!)).Order(), read["offsets"]!.AsArray().Select(o => ((int)o![0]!, (int)o[1]!)));
        // One recording per claim plus one correction: the retraction.
        Assert.Equal(claimIds.Count + 1, (int)read["activities"]!);
        Assert.Equal([retracted], read["invalidated"]!.AsArray().Select(c => (string)c!));
        Assert.True((bool)read["claims_generated"]!, "a claim without a generating recording");
        Assert.Equal(claimIds.Count + 1, (int)read["associations"]!);
        Assert.True((int)read["agents"]! >= 2, "no outlet or recorder agents");
        Assert.True((int)read["attributions"]! >= (int)read["sources"]!, "sources are not attributed to their outlets");
    }

    [Fact]
    public async Task Prov_turtle_of_the_samples_parses_with_rdflib_and_answers_queries_for_claims_retractions_and_offsets()
    {
        using var bt = new BtSandbox();
        Assert.Equal(0, (await bt.Bt("demo", "--samples", Samples.Folder())).ExitCode);
        var claimIds = await TimelineClaimIds(bt);
        var retracted = claimIds[0];
        Assert.Equal(0, (await bt.Bt("retract", retracted, "--reason", "the outlet withdrew it", "--by", "analyst:test")).ExitCode);
        var rows = JsonLines(await Export(bt, "jsonl"));

        var read = JsonNode.Parse(await Python.RunDebianAsync(TurtleSummary, await Export(bt, "prov-ttl")))!;

        Assert.Equal(claimIds.Order(StringComparer.Ordinal), read["claims"]!.AsArray().Select(c => (string)c!));
        Assert.Equal([retracted], read["invalidated"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(claimIds.Count, (int)read["recorded"]!);
        var quotes = rows.SelectMany(r => r["quotes"]!.AsArray()).Select(q => ((int)q!["start"]!, (int)q["end"]!)).Order().ToList();
        Assert.NotEmpty(quotes);
        Assert.Equal(quotes, read["offsets"]!.AsArray().Select(o => ((int)o![0]!, (int)o[1]!)));
    }

    [Fact]
    public async Task A_re_dated_claim_gets_a_revision_generated_by_the_correction_in_both_forms()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var claimId = (await TimelineClaimIds(bt))[0];
        var redate = await bt.Bt("redate", claimId, "--from", "2024-03-05", "--reason", "the article was misdated", "--by", "analyst:test");
        Assert.True(redate.ExitCode == 0, redate.ToString());

        var json = JsonNode.Parse(await Python.RunDebianAsync(ProvSummary, await Export(bt, "prov-json")))!;
        var turtle = JsonNode.Parse(await Python.RunDebianAsync("""
            import sys, rdflib
            g = rdflib.Graph()
            g.parse(sys.argv[1], format='turtle')
            q = 'PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX bt: <urn:x-bt:> SELECT ?id WHERE { ?r a bt:ClaimRevision ; prov:wasRevisionOf ?c ; prov:wasGeneratedBy ?a ; prov:qualifiedRevision [ prov:hadActivity ?a ] . ?c bt:claimId ?id . ?a a bt:Correction }'
            print('[' + ','.join('"%s"' % r[0] for r in g.query(q)) + ']')
            """, await Export(bt, "prov-ttl")))!;

        Assert.Equal(1, (int)json["revisions"]!);
        Assert.Equal([claimId], turtle.AsArray().Select(c => (string)c!));
    }
    [Fact]
    public async Task A_superseding_claim_is_a_revision_of_the_one_it_replaces_qualified_by_the_correction()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var claimIds = await TimelineClaimIds(bt);
        var (older, newer) = (claimIds[0], claimIds[1]);
        var supersede = await bt.Bt("supersede", older, newer, "--reason", "a fuller report", "--by", "analyst:test");
        Assert.True(supersede.ExitCode == 0, supersede.ToString());

        var json = JsonNode.Parse(await Python.RunDebianAsync(ProvSummary, await Export(bt, "prov-json")))!;
        var pairs = JsonNode.Parse(await Python.RunDebianAsync("""
            import json, sys, rdflib
            g = rdflib.Graph()
            g.parse(sys.argv[1], format='turtle')
            q = 'PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX bt: <urn:x-bt:> SELECT ?n ?o WHERE { ?new bt:claimId ?n ; prov:wasRevisionOf ?old ; prov:qualifiedRevision [ prov:entity ?old ; prov:hadActivity ?a ] . ?old bt:claimId ?o . ?a bt:correction "supersede" ; prov:used ?old }'
            print(json.dumps([[str(r[0]), str(r[1])] for r in g.query(q)]))
            """, await Export(bt, "prov-ttl")))!;

        Assert.Equal(1, (int)json["revisions"]!);
        Assert.Equal($"{newer}>{older}", string.Join(";", pairs.AsArray().Select(p => $"{(string)p![0]!}>{(string)p[1]!}")));
    }
}
