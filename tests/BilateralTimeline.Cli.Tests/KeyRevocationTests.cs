using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// bt keys list|revoke as an operator runs them, against a bt serve running in another process: the
/// revoked key's very next request is refused. Also what serving must not leave behind (a DataProtection
/// key ring in HOME) and how it logs refused input.
/// </summary>
public sealed class KeyRevocationTests : IAsyncLifetime
{
    private readonly List<string> _schemas = [];

    public Task InitializeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_key_revoked_from_the_command_line_fails_on_the_running_servers_next_request(string kind)
    {
        using var sandbox = await ImportedStore.CopyIntoNewSandboxAsync();
        string[] store = kind == "sqlite" ? ["--db", sandbox.Db] : ["--store", "postgres", "--connection", FreshConnection()];
        if (kind == "postgres")
        {
            Assert.Equal(0, (await sandbox.BtRaw([.. store, "import", .. Directory.GetFiles(Samples.Folder(), "*.claims.json").Order(StringComparer.Ordinal)])).ExitCode);
        }
        var created = await sandbox.BtRaw([.. store, "keys", "create", "--role", "auditor", "--name", "dashboard", "--by", "ops-bob", "--format", "json"]);
        Assert.True(created.ExitCode == 0, created.ToString());
        var made = JsonNode.Parse(created.Stdout)!;
        var key = (string)made["key"]!;
        var id = (string)made["id"]!;

        using var server = BtChild.Start(BtProcess.BtDll, sandbox.Folder, [.. store, "serve", "--urls", "http://127.0.0.1:0", "--allowed-hosts", "timeline.example"]);
        var logs = server.StandardError.ReadToEndAsync();
        using var client = new HttpClient { BaseAddress = new Uri(await BtServe.ListeningAddressAsync(server)) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var beforeRevocation = await client.GetAsync("/api/revision");
        var badRead = await client.GetAsync("/api/state?asOf=not-a-date");
        var named = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Host = "timeline.example" } });
        var rebound = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Host = "evil.example" } });

        var revoke = await sandbox.BtRaw([.. store, "keys", "revoke", id, "--by", "ops-anna"]);
        var afterRevocation = await client.GetAsync("/api/revision");
        var again = await sandbox.BtRaw([.. store, "keys", "revoke", id, "--by", "ops-carl"]);
        var unknown = await sandbox.BtRaw([.. store, "keys", "revoke", "key-00000000"]);
        var list = await sandbox.BtRaw([.. store, "keys", "list", "--format", "json"]);
        var table = await sandbox.BtRaw([.. store, "keys", "list"]);
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        var log = await logs;

        Assert.Equal(HttpStatusCode.OK, beforeRevocation.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Contains($"{id} (auditor key for dashboard) revoked by ops-anna", revoke.Stdout);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevocation.StatusCode);
        Assert.Contains("API key revoked", await afterRevocation.Content.ReadAsStringAsync());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already revoked by ops-anna", again.Stdout);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("key-00000000", unknown.Stderr);
        var row = JsonNode.Parse(list.Stdout)!.AsArray().Single(k => (string?)k!["id"] == id)!;
        Assert.Equal(("ops-bob", "ops-anna", false), ((string?)row["createdBy"], (string?)row["revokedBy"], (bool?)row["active"]));
        Assert.DoesNotContain(key, list.Stdout + table.Stdout);
        Assert.Contains("by ops-anna", table.Stdout);
        // Nothing of ASP.NET Core's DataProtection is needed by bt serve, so no key ring lands in HOME.
        Assert.False(Directory.Exists(Path.Combine(sandbox.Folder, ".aspnet")), "bt serve wrote ~/.aspnet (a DataProtection key ring)");
        // The bad read is one Information line, not an Error with a stack trace.
        Assert.DoesNotContain("\"LogLevel\":\"Error\"", log);
        Assert.DoesNotContain("unhandled exception", log, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("GET /api/state refused with 400", log);
    }

    [Fact]
    public async Task A_store_made_before_revocation_existed_opens_and_its_keys_still_work_and_can_be_revoked()
    {
        using var sandbox = await ImportedStore.CopyIntoNewSandboxAsync();
        Assert.Equal(0, (await sandbox.Bt("migrate")).ExitCode);
        // The key table as the first serving release made it: no creator, no revocation columns.
        await using (var connection = new SqliteConnection($"Data Source={sandbox.Db};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TABLE IF EXISTS api_keys;
                CREATE TABLE api_keys (id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, role TEXT NOT NULL, name TEXT NOT NULL, created INTEGER NOT NULL);
                INSERT INTO api_keys VALUES ('key-0ld0ld00', lower(hex(randomblob(32))), 'consumer', 'old-dashboard', 1700000000000);
                """;
            await command.ExecuteNonQueryAsync();
        }

        var list = await sandbox.Bt("keys", "list");
        var revoke = await sandbox.Bt("keys", "revoke", "key-0ld0ld00", "--by", "ops-anna");
        var after = await sandbox.Bt("keys", "list", "--format", "json");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("key-0ld0ld00", list.Stdout);
        Assert.Contains("(not recorded)", list.Stdout);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        var row = JsonNode.Parse(after.Stdout)!.AsArray().Single()!;
        Assert.Equal(("ops-anna", (string?)null), ((string?)row["revokedBy"], (string?)row["createdBy"]));
    }

    private string FreshConnection()
    {
        var server = TestPostgres.ConnectionString;
        var schema = $"keys_{Guid.NewGuid():N}"[..24];
        _schemas.Add(schema);
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_schemas.Count == 0)
        {
            return;
        }
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        foreach (var schema in _schemas)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
