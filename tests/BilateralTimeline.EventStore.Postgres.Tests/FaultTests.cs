using System.Net;
using System.Net.Sockets;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;
using Npgsql;

namespace BilateralTimeline.EventStore.Postgres.Tests;

public sealed class FaultTests
{
    private static NpgsqlConnectionStringBuilder Server => new(TestServer.ConnectionString);

    [Fact]
    public async Task A_wrong_password_is_named_with_the_server_tried_and_never_shows_the_password()
    {
        var builder = Server;
        builder.Password = "definitely-not-it";
        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => PostgresEventStore.OpenAsync(PostgresLocation.Parse(builder.ConnectionString), TimeProvider.System));
        Assert.Contains("refused the password", error.Message);
        Assert.Contains($"{builder.Host}:{builder.Port}", error.Message);
        Assert.DoesNotContain("definitely-not-it", error.Message);
    }

    [Fact]
    public async Task A_server_that_is_not_running_is_reported_with_host_and_port()
    {
        var port = UnusedPort();
        var location = PostgresLocation.Parse($"Host=127.0.0.1;Port={port};Username=bt;Password=x;Database=bt_test;Timeout=5");
        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => PostgresEventStore.OpenAsync(location, TimeProvider.System));
        Assert.Contains($"cannot reach PostgreSQL at 127.0.0.1:{port}", error.Message);
    }

    [Fact]
    public async Task A_missing_database_is_named()
    {
        var builder = Server;
        builder.Database = "no_such_database_here";
        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => PostgresEventStore.OpenAsync(PostgresLocation.Parse(builder.ConnectionString), TimeProvider.System));
        Assert.Contains("no database 'no_such_database_here'", error.Message);
    }

    [Fact]
    public async Task A_schema_holding_someone_elses_tables_is_refused_and_left_untouched()
    {
        var location = TestServer.FreshLocation("foreign");
        await TestServer.ExecuteAsync($"CREATE SCHEMA \"{location.Schema}\"; CREATE TABLE \"{location.Schema}\".customers (id int); INSERT INTO \"{location.Schema}\".customers VALUES (7);");
        try
        {
            var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => PostgresEventStore.OpenAsync(location, TimeProvider.System));
            Assert.Contains("did not create (customers)", error.Message);
            Assert.Equal(1L, await TestServer.ScalarAsync($"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{location.Schema}'"));
            Assert.Equal(7, await TestServer.ScalarAsync($"SELECT id FROM \"{location.Schema}\".customers"));
        }
        finally
        {
            await TestServer.DropAsync(location);
        }
    }

    [Theory]
    [InlineData("x\"; DROP SCHEMA public CASCADE; --")]
    [InlineData("public; DROP TABLE x")]
    [InlineData("a'b")]
    [InlineData("UPPER")]
    public void A_schema_name_that_is_not_a_plain_identifier_is_refused_before_connecting(string schema)
    {
        var builder = Server;
        builder.SearchPath = schema;
        var error = Assert.Throws<EventStoreUnavailableException>(() => PostgresLocation.Parse(builder.ConnectionString));
        Assert.Contains("must be 1 to 48 lower-case letters", error.Message);
    }

    [Fact]
    public async Task Sql_smuggled_into_connection_values_reaches_the_server_only_as_a_name()
    {
        // A database name is a startup parameter, never SQL text: the server just looks for that name.
        var builder = Server;
        builder.Database = "bt_test'; DROP SCHEMA public CASCADE; --";
        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => PostgresEventStore.OpenAsync(PostgresLocation.Parse(builder.ConnectionString), TimeProvider.System));
        Assert.Contains("no database", error.Message);
        Assert.Equal(1L, await TestServer.ScalarAsync("SELECT count(*) FROM pg_namespace WHERE nspname = 'public'"));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=notanumber")]
    [InlineData("this is not a connection string")]
    [InlineData("postgres://user@host:5432/db?evil=1")]
    [InlineData("")]
    public void A_malformed_connection_string_is_refused_with_an_example(string text)
    {
        var error = Assert.Throws<EventStoreUnavailableException>(() => PostgresLocation.Parse(text));
        Assert.StartsWith("--connection:", error.Message);
    }

    [Fact]
    public void A_postgres_uri_is_accepted_with_its_schema()
    {
        var location = PostgresLocation.Parse("postgresql://ana:s%40cret@db.example:6543/timeline?schema=team_a");
        Assert.Equal(("db.example", 6543, "timeline", "team_a", "ana"), (location.Host, location.Port, location.Database, location.Schema, location.Username));
        Assert.Contains("Password=s@cret", location.ConnectionString);
    }

    [Fact]
    public async Task Events_cannot_be_updated_deleted_or_truncated_even_with_plain_sql()
    {
        var location = TestServer.FreshLocation("imm");
        try
        {
            await using (var store = await PostgresEventStore.OpenAsync(location, TimeProvider.System))
            {
                await store.AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));
            }
            foreach (var sql in new[] { "UPDATE {0}.events SET type = 'x'", "DELETE FROM {0}.events", "TRUNCATE {0}.events", "DELETE FROM {0}.head" })
            {
                var error = await Assert.ThrowsAsync<PostgresException>(() => TestServer.ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, $"\"{location.Schema}\"")));
                Assert.Contains("immutable", error.MessageText);
            }
            Assert.Equal(2L, await TestServer.ScalarAsync($"SELECT count(*) FROM \"{location.Schema}\".events"));
        }
        finally
        {
            await TestServer.DropAsync(location);
        }
    }

    [Fact]
    public async Task Migrating_from_many_processes_at_once_creates_the_schema_once()
    {
        var location = TestServer.FreshLocation("mig");
        try
        {
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresEventStore.MigrateAsync(location))));
            Assert.Single(outcomes, o => o.Created);
            Assert.All(outcomes, o => Assert.Equal(3, o.VersionAfter));
            var again = await PostgresEventStore.MigrateAsync(location);
            Assert.False(again.Created);
            Assert.Equal(3, again.VersionBefore);
        }
        finally
        {
            await TestServer.DropAsync(location);
        }
    }

    [Fact]
    public async Task A_version_1_store_is_upgraded_in_place_and_keeps_its_events()
    {
        var location = TestServer.FreshLocation("up");
        try
        {
            await using (var store = await PostgresEventStore.OpenAsync(location, TimeProvider.System))
            {
                await store.AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(3));
            }
            // What a store made by the first release looks like: no serving tables, version 1.
            var s = $"\"{location.Schema}\"";
            await TestServer.ExecuteAsync($"DROP TABLE {s}.projection_live, {s}.projection_checkpoints, {s}.projection_rows, {s}.api_keys; UPDATE {s}.store_info SET value = '1' WHERE key = 'schema_version';");

            var upgrade = await PostgresEventStore.MigrateAsync(location);

            Assert.Equal((1, 3), (upgrade.VersionBefore, upgrade.VersionAfter));
            Assert.Equal(0L, await TestServer.ScalarAsync($"SELECT count(*) FROM {s}.api_keys"));
            await using var reopened = await PostgresEventStore.OpenAsync(location, TimeProvider.System);
            Assert.Equal(3, (await reopened.ReadAllAsync().ToListAsync()).Count);
            Assert.True((await ChainVerifier.VerifyAsync(reopened, PostgresEventStore.Capabilities)).IsIntact);
        }
        finally
        {
            await TestServer.DropAsync(location);
        }
    }

    [Fact]
    public async Task A_version_2_store_keeps_its_keys_and_gains_who_made_and_revoked_them()
    {
        var location = TestServer.FreshLocation("v2");
        try
        {
            await using (var store = await PostgresEventStore.OpenAsync(location, TimeProvider.System))
            {
                await store.AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(1));
            }
            // The key table as version 2 made it, holding one key.
            var s = $"\"{location.Schema}\"";
            await TestServer.ExecuteAsync($"""
                ALTER TABLE {s}.api_keys DROP COLUMN created_by, DROP COLUMN revoked, DROP COLUMN revoked_by;
                INSERT INTO {s}.api_keys (id, sha256, role, name, created) VALUES ('key-00000002', repeat('a', 64), 'analyst', 'desk', now());
                UPDATE {s}.store_info SET value = '2' WHERE key = 'schema_version';
                """);

            var upgrade = await PostgresEventStore.MigrateAsync(location);
            var keys = new PostgresApiKeyStore(location);
            var found = await keys.FindAsync(new string('a', 64));
            var revoked = await keys.RevokeAsync("key-00000002", "ops-anna", DateTimeOffset.UtcNow);

            Assert.Equal((2, 3), (upgrade.VersionBefore, upgrade.VersionAfter));
            Assert.Equal(("desk", null, null), (found!.Name, found.CreatedBy, found.Revoked));
            Assert.Equal(("ops-anna", true), (revoked!.Key.RevokedBy, revoked.Changed));
            Assert.Null(await keys.RevokeAsync("key-nope", "ops-anna", DateTimeOffset.UtcNow));
        }
        finally
        {
            await TestServer.DropAsync(location);
        }
    }

    [Fact]
    public async Task A_subscriber_survives_a_server_restart_and_resumes_without_loss_or_duplicates()
    {
        // Given a server of this test's own, a subscriber, and history it has consumed
        await using var server = await ThrowawayServer.StartAsync();
        var location = PostgresLocation.Parse(server.ConnectionString);
        await using var writer = await PostgresEventStore.OpenAsync(location, TimeProvider.System);
        await using var reader = await PostgresEventStore.OpenAsync(location, TimeProvider.System);
        await writer.AppendAsync("claim-1", ExpectedRevision.Any, TestEvents.Many(10));
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var seen = new List<RecordedEvent>();
        var firstTen = new TaskCompletionSource();
        var subscriber = Task.Run(async () =>
        {
            await foreach (var e in reader.SubscribeToAllAsync(null, stop.Token))
            {
                seen.Add(e);
                if (seen.Count == 10)
                {
                    firstTen.SetResult();
                }
                if (seen.Count == 30)
                {
                    return;
                }
            }
        });
        await firstTen.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // When the server restarts under it, and writing goes on (retried while the server is down)
        await server.RestartAsync();
        for (var batch = 0; batch < 2; batch++)
        {
            var events = TestEvents.Many(10);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await writer.AppendAsync("claim-1", ExpectedRevision.Any, events);
                    break;
                }
                catch (EventStoreUnavailableException) when (attempt < 20)
                {
                    await Task.Delay(250);
                }
            }
        }

        // Then the subscriber ends with exactly the 30 stored events, in order
        Assert.Same(subscriber, await Task.WhenAny(subscriber, Task.Delay(TimeSpan.FromSeconds(60))));
        await subscriber;
        var stored = await writer.ReadAllAsync().ToListAsync();
        Assert.Equal(30, stored.Count);
        Assert.Equal(stored.Select(e => e.EventId), seen.Select(e => e.EventId));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
