using System.Net.Http.Headers;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Features.Keys.CreateApiKey;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Sqlite;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Api.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (a free port) over a real SQLite file in a temporary folder,
/// with one key per role. Dispose stops the server and deletes the folder.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly string _folder;

    private ApiServer(string folder, SqliteEventStore store, SqliteProjectionStore projections, WebApplication app, Uri address, IReadOnlyDictionary<ApiRole, string> keys)
    {
        _folder = folder;
        Store = store;
        Projections = projections;
        App = app;
        Address = address;
        Keys = keys;
    }

    public SqliteEventStore Store { get; }

    public SqliteProjectionStore Projections { get; }

    public WebApplication App { get; }

    public Uri Address { get; }

    public IReadOnlyDictionary<ApiRole, string> Keys { get; }

    public string DatabasePath => Store.Path;

    public IMediator Mediator => App.Services.GetRequiredService<IMediator>();

    public static async Task<ApiServer> StartAsync(ApiSettings? settings = null, bool importSamples = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "bt-api-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = SqliteEventStore.Open(Path.Combine(folder, "timeline.db"), TimeProvider.System);
        var projections = SqliteProjectionStore.Open(store.Path, TimeProvider.System);
        var keyStore = SqliteApiKeyStore.Open(store.Path);
        var chosen = (settings ?? new ApiSettings()) with { Urls = "http://127.0.0.1:0", ConsoleLogs = false };
        var app = ApiHost.Build(chosen, store, new StoreCapabilities("sqlite", true), projections, keyStore);
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
        return new ApiServer(folder, store, projections, app, address, keys);
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
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
