using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Features.Keys.CreateApiKey;
using BilateralTimeline.Application.Features.Keys.ListApiKeys;
using BilateralTimeline.Application.Features.Keys.RevokeApiKey;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Api.Tests.Hostile;

/// <summary>
/// A key revoked anywhere (here: through a second key store with its own connections, as another
/// process would) fails on its very next request to a running server, even one it made a moment before.
/// </summary>
public sealed class KeyRevocationTests
{
    [Theory]
    [InlineData(ApiServer.Sqlite)]
    [InlineData(ApiServer.Postgres)]
    public async Task A_key_revoked_from_another_connection_fails_on_its_very_next_request(string kind)
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { RunProjections = false }, kind: kind);
        using var analyst = server.Client(ApiRole.Analyst);
        using var auditor = server.Client(ApiRole.Auditor);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/revision")).StatusCode);
        var id = (await server.KeysFromElsewhere().FindAsync(ApiKeyHash.Of(server.Keys[ApiRole.Analyst])))!.Id;

        var revoked = await server.KeysFromElsewhere().RevokeAsync(id, "ops-anna", DateTimeOffset.UtcNow);
        var before = await StoreSnapshot.TakeAsync(server);
        var read = await analyst.GetAsync("/api/revision");
        var write = await analyst.PostAsync("/api/occurrences", Bodies.Occurrence("occ-after-revocation"));

        Assert.True(revoked!.Changed);
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Equal("API key revoked", (string?)(await write.Content.ReadFromJsonAsync<JsonObject>())!["title"]);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(server));
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/revision")).StatusCode);
    }

    [Theory]
    [InlineData(ApiServer.Sqlite)]
    [InlineData(ApiServer.Postgres)]
    public async Task Keys_are_listed_with_who_and_when_and_never_the_secret_and_a_second_revocation_keeps_the_first(string kind)
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { RunProjections = false }, importSamples: false, kind: kind);
        var made = await server.Mediator.Send(new CreateApiKey(ApiRole.Consumer, "dashboard") { CreatedBy = "ops-bob" });

        var first = await server.Mediator.Send(new RevokeApiKey(made.Id, "ops-anna"));
        var second = await server.Mediator.Send(new RevokeApiKey(made.Id, "ops-carl"));
        var listed = await server.Mediator.Send(new ListApiKeys());
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => server.Mediator.Send(new RevokeApiKey("key-00000000", "ops-anna")));

        Assert.True(first.Changed);
        Assert.False(second.Changed);
        Assert.Equal(("ops-anna", first.Revoked), (second.RevokedBy, second.Revoked));
        var row = Assert.Single(listed, k => k.Id == made.Id);
        Assert.Equal(("consumer", "dashboard", "ops-bob", "ops-anna", false), (row.Role, row.Name, row.CreatedBy, row.RevokedBy, row.Active));
        Assert.Equal(made.Created.ToUnixTimeMilliseconds(), row.Created.ToUnixTimeMilliseconds(), 1.0);
        Assert.Equal(3, listed.Count(k => k.Active));
        var json = JsonSerializer.Serialize(listed);
        Assert.DoesNotContain(made.Key, json);
        Assert.DoesNotContain(ApiKeyHash.Of(made.Key), json);
        Assert.Contains("key-00000000", unknown.Message);
    }

    [Theory]
    [InlineData(ApiServer.Sqlite, "/events")]
    [InlineData(ApiServer.Postgres, "/projections/state/changes")]
    public async Task An_open_stream_of_a_revoked_key_is_cut_and_its_reconnect_refused(string kind, string path)
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { StreamKeyRecheck = TimeSpan.FromMilliseconds(200), Heartbeat = TimeSpan.FromMilliseconds(300) }, kind: kind);
        using var consumer = server.Client(ApiRole.Consumer);
        using var response = await consumer.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        Assert.True(await stream.ReadAsync(buffer) > 0);
        var id = (await server.KeysFromElsewhere().FindAsync(ApiKeyHash.Of(server.Keys[ApiRole.Consumer])))!.Id;

        await server.KeysFromElsewhere().RevokeAsync(id, "ops-anna", DateTimeOffset.UtcNow);
        var cut = await ReadsUntilClosedAsync(stream, buffer, TimeSpan.FromSeconds(20));
        var reconnect = await consumer.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);

        Assert.True(cut, "the stream was still open 20 s after its key was revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, reconnect.StatusCode);
    }

    private static async Task<bool> ReadsUntilClosedAsync(Stream stream, byte[] buffer, TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            while (await stream.ReadAsync(buffer, deadline.Token) > 0)
            {
            }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (HttpRequestException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
