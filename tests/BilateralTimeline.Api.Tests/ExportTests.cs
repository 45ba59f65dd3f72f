using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Features.Export.ExportLedger;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Tests;

/// <summary>GET /api/export: the bytes bt export writes, streamed, for every read role.</summary>
public sealed class ExportTests
{
    [Theory]
    [InlineData("csv", "text/csv")]
    [InlineData("jsonl", "application/x-ndjson")]
    [InlineData("stix", "application/stix+json")]
    [InlineData("prov-json", "application/json")]
    [InlineData("prov-ttl", "text/turtle")]
    public async Task Every_read_role_gets_the_export_streamed_byte_for_byte_as_the_use_case_writes_it(string format, string mediaType)
    {
        await using var server = await ApiServer.StartAsync();
        var knownAt = DateTimeOffset.UtcNow;
        var known = Uri.EscapeDataString(knownAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var expected = new MemoryStream();
        var export = await server.Mediator.Send(new ExportLedger(null, new DateOnly(2025, 1, 1), knownAt));
        await ExportFormats.WriteAsync(export, ExportFormats.Parse(format, "format"), expected, CancellationToken.None);

        foreach (var role in new[] { ApiRole.Auditor, ApiRole.Analyst, ApiRole.Consumer })
        {
            using var client = server.Client(role);
            using var response = await client.GetAsync($"/api/export?format={format}&asOf=2025-01-01&knownAt={known}", HttpCompletionOption.ResponseHeadersRead);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            // Streamed: sent in chunks as written, with no length known up front.
            Assert.True(response.Headers.TransferEncodingChunked, "the export was not streamed");
            Assert.Equal(expected.ToArray(), await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task The_CSV_parsed_by_an_RFC_4180_reader_has_one_row_per_claim_of_the_timeline()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Consumer);

        var csv = await client.GetByteArrayAsync("/api/export?format=csv&asOf=2025-01-01");
        var timeline = JsonNode.Parse(await client.GetStringAsync("/api/timeline?asOf=2025-01-01"))!;

        Assert.False(csv.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 with a byte-order mark");
        var records = Rfc4180.Parse(Encoding.UTF8.GetString(csv));
        var header = records[0];
        Assert.All(records, r => Assert.Equal(header.Count, r.Count));
        var claimIds = timeline["items"]!.AsArray().SelectMany(i => i!["claims"]!.AsArray()).Select(c => (string)c!["claimId"]!).Distinct().ToList();
        Assert.NotEmpty(claimIds);
        Assert.Equal(claimIds, records.Skip(1).Select(r => r[header.IndexOf("claim_id")]));
    }

    [Theory]
    [InlineData("pdf", "unknown export format")]
    [InlineData("", "give the export format")]
    public async Task Unknown_or_missing_formats_are_a_problem_naming_format(string format, string message)
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Auditor);

        var response = await client.GetAsync($"/api/export?format={format}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("format", (string?)problem!["errors"]![0]!["field"]);
        Assert.Contains(message, problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_the_export_is_refused()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var anonymous = server.Client();

        var response = await anonymous.GetAsync("/api/export?format=csv");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>A reader written from RFC 4180's grammar, sharing nothing with the writer.</summary>
    private static class Rfc4180
    {
        public static List<List<string>> Parse(string text)
        {
            var records = new List<List<string>>();
            var record = new List<string>();
            var field = new StringBuilder();
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        Assert.True(i < text.Length, "unterminated quoted field");
                        if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                        }
                        else if (text[i] == '"')
                        {
                            i++;
                            break;
                        }
                        else
                        {
                            field.Append(text[i++]);
                        }
                    }
                }
                else if (text[i] == ',')
                {
                    record.Add(field.ToString());
                    field.Clear();
                    i++;
                }
                else if (text[i] == '\r')
                {
                    Assert.True(i + 1 < text.Length && text[i + 1] == '\n', "CR not followed by LF outside quotes");
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = [];
                    i += 2;
                }
                else
                {
                    Assert.True(text[i] != '\n', "bare LF outside quotes: records must end in CRLF");
                    field.Append(text[i++]);
                }
            }
            Assert.True(record.Count == 0 && field.Length == 0, "the last record does not end in CRLF");
            return records;
        }
    }
}
