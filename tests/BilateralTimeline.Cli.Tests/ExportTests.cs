using System.Text;
using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>bt export read back by readers that share no code with its writers.</summary>
public sealed class ExportTests
{
    internal const string AsOf = "2025-01-01";

    /// <summary>The namespace docs/export.md publishes for the STIX ids.</summary>
    private const string Namespace = "6f1c2b1e-8d4a-4a4e-9b7e-3c5d2f0a9e61";

    private const string CsvAsJson = """
        import csv, json, sys
        raw = open(sys.argv[1], 'rb').read()
        assert not raw.startswith(b'\xef\xbb\xbf'), 'byte-order mark'
        assert raw.endswith(b'\r\n'), 'last record not ended by CRLF'
        with open(sys.argv[1], newline='', encoding='utf-8') as f:
            rows = list(csv.reader(f, strict=True))
        print(json.dumps({'header': rows[0], 'rows': [dict(zip(rows[0], r)) for r in rows[1:]], 'widths': sorted({len(r) for r in rows})}, ensure_ascii=False))
        """;

    [Fact]
    public async Task Csv_of_the_samples_reads_back_with_pythons_csv_module_one_row_per_timeline_claim_Arabic_intact()
    {
        using var bt = new BtSandbox();
        Assert.Equal(0, (await bt.Bt("demo", "--samples", Samples.Folder())).ExitCode);

        var csv = await Export(bt, "csv");
        var jsonl = await Export(bt, "jsonl");

        var read = JsonNode.Parse(await Python.RunAsync(CsvAsJson, csv))!;
        var header = read["header"]!.AsArray().Select(h => (string)h!).ToList();
        string[] expected = ["date_from", "date_to", "precision", "kind", "cameo_code", "goldstein", "actor1", "actor1_country", "actor2", "actor2_country", "countries", "outlet", "origin", "grade", "confidence", "modality", "status", "quote", "quote_offsets", "source_sha256", "positions"];
        Assert.Empty(expected.Except(header));
        Assert.Equal([header.Count], read["widths"]!.AsArray().Select(w => (int)w!));
        var rows = read["rows"]!.AsArray();
        var lines = JsonLines(jsonl);
        Assert.Equal(await TimelineClaimIds(bt), rows.Select(r => (string)r!["claim_id"]!).ToList());
        Assert.Equal(lines.Select(l => (string)l["claim_id"]!), rows.Select(r => (string)r!["claim_id"]!));
        foreach (var (row, line) in rows.Zip(lines))
        {
            Assert.Equal((string)line["summary"]!, (string)row!["summary"]!);
            Assert.Equal(string.Join(" | ", line["quotes"]!.AsArray().Select(q => (string)q!["text"]!)), (string)row["quote"]!);
            Assert.Equal((string?)line["source_sha256"], (string)row["source_sha256"]!);
        }
        // The samples are Arabic articles: the quotes must come back as Arabic letters, not escapes or mojibake.
        Assert.Contains(rows, r => ((string)r!["quote"]!).Any(ch => ch is >= '\u0600' and <= '\u06FF'));
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", (string)r!["source_sha256"]!));
    }

    [Fact]
    public async Task Csv_quotes_fields_with_quotes_commas_and_newlines_as_RFC_4180_asks()
    {
        using var bt = new BtSandbox();
        var document = Fixture.Document("q");
        const string awkward = "He said \"no\", twice,\nthen left; قال \"لا\"";
        document["claims"]![0]!["summary"] = awkward;
        Assert.Equal(0, (await bt.Bt("import", bt.WriteFile("q.claims.json", document))).ExitCode);

        var csv = await Export(bt, "csv");

        var raw = await File.ReadAllBytesAsync(csv);
        Assert.Contains("\"He said \"\"no\"\", twice,\nthen left; قال \"\"لا\"\"\"", Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
        var read = JsonNode.Parse(await Python.RunAsync(CsvAsJson, csv))!;
        Assert.Contains(read["rows"]!.AsArray(), r => (string)r!["summary"]! == awkward);
        // Every record ends in CRLF; the only bare LF is the one inside the quoted summary.
        var text = Encoding.UTF8.GetString(raw);
        Assert.Equal(1, text.Replace("\r\n", "", StringComparison.Ordinal).Count(c => c == '\n'));
    }

    [Fact]
    public async Task Stix_bundle_of_the_samples_keeps_the_mandatory_rules_and_has_one_claim_object_per_timeline_claim()
    {
        using var bt = new BtSandbox();
        Assert.Equal(0, (await bt.Bt("demo", "--samples", Samples.Folder())).ExitCode);

        var stix = await Export(bt, "stix");

        var bundle = JsonNode.Parse(await File.ReadAllTextAsync(stix))!;
        var problems = StixChecker.Check(bundle);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
        var objects = bundle["objects"]!.AsArray().Select(o => o!.AsObject()).ToList();
        var claims = objects.Where(o => (string)o["type"]! == "x-bt-claim").ToList();
        Assert.Equal((await TimelineClaimIds(bt)).Order(StringComparer.Ordinal), claims.Select(c => (string)c["name"]!).Order(StringComparer.Ordinal));
        Assert.Contains(objects, o => (string)o["type"]! == "report" && o["external_references"]![0]!["hashes"]!["SHA-256"] is not null);
        Assert.Contains(objects, o => (string)o["type"]! == "relationship" && (string)o["relationship_type"]! == "corroborates");
        Assert.All(claims, c => Assert.InRange((int)c["confidence"]!, 0, 100));
    }

    [Fact]
    public async Task Stix_claim_ids_are_UUIDv5_of_the_claims_event_ids_as_pythons_uuid_module_computes_them()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var jsonl = await Export(bt, "jsonl");
        var stix = await Export(bt, "stix");

        var expected = (await Python.RunAsync("""
            import json, sys, uuid
            ns = uuid.UUID(sys.argv[2])
            for line in open(sys.argv[1], encoding='utf-8'):
                print('x-bt-claim--' + str(uuid.uuid5(ns, json.loads(line)['event_id'])))
            """, jsonl, Namespace)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var ids = JsonNode.Parse(await File.ReadAllTextAsync(stix))!["objects"]!.AsArray().Select(o => (string)o!["id"]!).Where(i => i.StartsWith("x-bt-claim--", StringComparison.Ordinal));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    [InlineData("stix")]
    [InlineData("prov-json")]
    [InlineData("prov-ttl")]
    public async Task A_re_export_is_byte_identical(string format)
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var first = await File.ReadAllBytesAsync(await Export(bt, format, "first"));
        var second = await File.ReadAllBytesAsync(await Export(bt, format, "second"));
        var stdout = await bt.Bt("export", "--format", format, "--as-of", AsOf);

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.Equal(Encoding.UTF8.GetString(first), stdout.Stdout);
    }

    [Fact]
    public async Task A_retracted_claim_is_revoked_in_stix_and_retracted_in_csv_and_jsonl()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        Assert.Equal(0, (await bt.Bt("retract", "a-02", "--reason", "the ministry denied it", "--by", "analyst:test")).ExitCode);

        var stix = JsonNode.Parse(await File.ReadAllTextAsync(await Export(bt, "stix")))!;
        var lines = JsonLines(await Export(bt, "jsonl"));
        var csv = JsonNode.Parse(await Python.RunAsync(CsvAsJson, await Export(bt, "csv")))!["rows"]!.AsArray();

        var claims = stix["objects"]!.AsArray().Where(o => (string)o!["type"]! == "x-bt-claim").ToList();
        var retracted = claims.Single(c => (string)c!["name"]! == "a-02")!;
        Assert.True((bool)retracted["revoked"]!);
        Assert.True(string.CompareOrdinal((string)retracted["modified"]!, (string)retracted["created"]!) > 0, "the retraction must move modified");
        Assert.All(claims.Where(c => (string)c!["name"]! != "a-02"), c => Assert.Null(c!["revoked"]));
        Assert.Equal("retracted", (string)lines.Single(l => (string)l["claim_id"]! == "a-02")["status"]!);
        Assert.Equal("retracted", (string)csv.Single(r => (string)r!["claim_id"]! == "a-02")!["status"]!);
        Assert.Empty(StixChecker.Check(stix));
    }

    [Fact]
    public async Task Known_at_before_a_retraction_exports_the_claim_as_it_was_then_live()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var before = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(50);
        Assert.Equal(0, (await bt.Bt("retract", "a-02", "--reason", "the ministry denied it", "--by", "analyst:test")).ExitCode);

        var then = JsonLines(await Export(bt, "jsonl", "then", ["--known-at", before]));
        var now = JsonLines(await Export(bt, "jsonl", "now"));

        Assert.Equal("live", (string)then.Single(l => (string)l["claim_id"]! == "a-02")["status"]!);
        Assert.Equal("retracted", (string)now.Single(l => (string)l["claim_id"]! == "a-02")["status"]!);
    }

    [Theory]
    [InlineData("xml", "unknown export format")]
    [InlineData("prov-xml", "unknown export format")]
    public async Task Unknown_formats_are_refused_with_exit_2(string format, string message)
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("export", "--format", format);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    internal static async Task<string> Export(BtSandbox bt, string format, string name = "export", string[]? extra = null)
    {
        var file = bt.PathOf($"{name}.{format}");
        var run = await bt.Bt(["export", "--format", format, "--as-of", AsOf, "--out", file, .. extra ?? []]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return file;
    }

    internal static List<JsonObject> JsonLines(string file) =>
        File.ReadAllLines(file, Encoding.UTF8).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    internal static async Task<List<string>> TimelineClaimIds(BtSandbox bt)
    {
        var run = await bt.Bt("timeline", "--as-of", AsOf, "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonNode.Parse(run.Stdout)!["items"]!.AsArray().SelectMany(i => i!["claims"]!.AsArray()).Select(c => (string)c!["claimId"]!).Distinct().ToList();
    }
}
