using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Sqlite;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.Api.Tests;

/// <summary>The witness digest over HTTP, and reads on a log whose tail was cut behind the server's back.</summary>
public sealed class ChainTests
{
    [Fact]
    public async Task Verify_hands_out_a_witness_that_expect_accepts_and_names_a_malformed_one()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Auditor);

        var first = await client.GetFromJsonAsync<JsonObject>("/api/verify");
        var witness = (string?)first!["witness"];
        var again = await client.GetFromJsonAsync<JsonObject>($"/api/verify?expect={Uri.EscapeDataString(witness!)}");
        var malformed = await client.GetAsync("/api/verify?expect=sha256:abc@1");

        Assert.Equal($"sha256:{(string?)first["digest"]}@{await server.HeadAsync()}", witness);
        Assert.Equal(witness, (string?)again!["extends"]);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var problem = await malformed.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("expect", (string?)problem!["errors"]![0]!["field"]);
        Assert.Contains("64 hex digits", (string?)problem["errors"]![0]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_on_a_log_whose_tail_was_cut_are_refused_naming_the_position()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Auditor);
        var head = await server.HeadAsync();
        using (var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ((SqliteEventStore)server.Store).Path, Pooling = false }.ToString()))
        {
            raw.Open();
            using var cut = raw.CreateCommand();
            cut.CommandText = $"DROP TRIGGER events_are_never_deleted; DELETE FROM events WHERE position = {head};";
            cut.ExecuteNonQuery();
        }

        var state = await client.GetAsync("/api/state");
        var verify = await client.GetFromJsonAsync<JsonObject>("/api/verify");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, state.StatusCode);
        var problem = await state.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains($"broken at position {head}", (string?)problem!["detail"], StringComparison.Ordinal);
        Assert.Equal(head, (long)verify!["firstBrokenPosition"]!);
        Assert.Contains("1 event missing at the tail", (string?)verify["problem"], StringComparison.Ordinal);
    }
}
