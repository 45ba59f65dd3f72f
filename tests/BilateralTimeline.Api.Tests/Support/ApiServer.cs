using System.Net.Http.Headers;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Features.Keys.CreateApiKey;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Postgres;
using BilateralTimeline.EventStore.Sqlite;
using BilateralTimeline.Testing;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Api.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (a free port) over a real store: a SQLite file in a temporary
/// folder, or a schema of its own on the PostgreSQL server the test run started (BT_TEST_POSTGRES),
/// with one key per role. Dispose stops the server and deletes the folder or schema.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string _folder;
    private readonly PostgresLocation? _schema;

    private ApiServer(string folder, PostgresLocation? schema, IEventStore store, IProjectionStore projections, WebApplication app, Uri address, IReadOnlyDictionary<ApiRole, string> keys)
    {
        _folder = folder;
        _schema = schema;
        Store = store;
        Projections = projections;
        App = app;
        Address = address;
        Keys = keys;
    }

    public IEventStore Store { get; }

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? DbPath => _schema is null ? Path.Combine(_folder, "timeline.db") : null;

    /// <summary>The PostgreSQL schema, or null on SQLite.</summary>
    public PostgresLocation? Schema => _schema;

    /// <summary>The key store as another process sees it: a new instance with its own connections, sharing nothing with the server's.</summary>
    public IApiKeyStore KeysFromElsewhere() => _schema is null ? SqliteApiKeyStore.Open(DbPath!) : new PostgresApiKeyStore(_schema);

    public IProjectionStore Projections { get; }

    public WebApplication App { get; }

    public Uri Address { get; }

    public IReadOnlyDictionary<ApiRole, string> Keys { get; }

    public IMediator Mediator => App.Services.GetRequiredService<IMediator>();

    public static async Task<ApiServer> StartAsync(ApiSettings? settings = null, bool importSamples = true, string kind = Sqlite, TimeProvider? clock = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "bt-api-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        IEventStore store;
        IProjectionStore projections;
        IApiKeyStore keyStore;
        ISearchIndexStore search;
        PostgresLocation? schema = null;
        if (kind == Postgres)
        {
            var server = TestPostgres.ConnectionString;
            schema = PostgresLocation.Parse(server).WithSchema("api_" + Guid.NewGuid().ToString("N")[..20]);
            store = await PostgresEventStore.OpenAsync(schema, TimeProvider.System);
            projections = new PostgresProjectionStore(schema, TimeProvider.System);
            keyStore = new PostgresApiKeyStore(schema);
            search = await PostgresSearchIndex.OpenAsync(schema);
        }
        else
        {
            var sqlite = SqliteEventStore.Open(Path.Combine(folder, "timeline.db"), TimeProvider.System);
            store = sqlite;
            projections = SqliteProjectionStore.Open(sqlite.Path, TimeProvider.System);
            keyStore = SqliteApiKeyStore.Open(sqlite.Path);
            search = SqliteSearchIndex.Open(sqlite.Path);
        }
        var chosen = (settings ?? new ApiSettings()) with { Urls = "http://127.0.0.1:0", ConsoleLogs = false };
        var app = ApiHost.Build(chosen, store, new StoreCapabilities(kind, true), projections, keyStore, clock, search);
        await app.StartAsync();
        var address = new Uri(app.Urls.Single());
        var mediator = app.Services.GetRequiredService<IMediator>();
        var keys = new Dictionary<ApiRole, string>();
        foreach (var role in Enum.GetValues<ApiRole>())
        {
            keys[role] = (await mediator.Send(new CreateApiKey(role, $"test-{role}".ToLowerInvariant()))).Key;
        }
        if (importSamples)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "iran-azerbaijan"), "*.claims.json").Order(StringComparer.Ordinal))
            {
                await mediator.Send(ImportDocumentReader.Read(file, "api-tests"));
            }
        }
        return new ApiServer(folder, schema, store, projections, app, address, keys);
    }

    public HttpClient Client(ApiRole? role = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (role is { } r)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[r]);
        }
        return client;
    }

    public async Task<long> HeadAsync()
    {
        await foreach (var e in Store.ReadAllAsync(long.MaxValue, ReadDirection.Backwards, 1))
        {
            return e.GlobalPosition;
        }
        return 0;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BilateralTimeline.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("BilateralTimeline.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_schema is not null)
        {
            await using var connection = new Npgsql.NpgsqlConnection(TestPostgres.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema.Schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
