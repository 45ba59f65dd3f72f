using BilateralTimeline.Api;
using BilateralTimeline.Application.Features.Keys.CreateApiKey;
using BilateralTimeline.Application.Features.Keys.ListApiKeys;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Cli.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// One container per invocation, in-process on a real SQLite file: the serving commands' handlers
/// resolve from CliHost's own container (there was a second one beside it), and bt serve's web host is
/// filled with the very stores the CLI opened, by the same registration.
/// </summary>
public sealed class CompositionTests
{
    [Fact]
    public async Task A_serving_command_s_handlers_resolve_from_the_invocation_s_one_container()
    {
        using var bt = new BtSandbox();
        await using var host = await CliHost.OpenAsync(new StoreSelection(StoreKind.Sqlite, bt.Db), CancellationToken.None, StoreNeeds.ReadModels);

        var created = await host.Mediator.Send(new CreateApiKey(ApiRole.Consumer, "dashboard"));
        var listed = await host.Mediator.Send(new ListApiKeys());

        Assert.Equal(created.Id, Assert.Single(listed).Id);
        Assert.Same(host.Store, host.Service<IEventStore>());
        Assert.Same(host.Stores.ReadModels!.Keys, host.Service<IApiKeyStore>());
    }

    [Fact]
    public async Task The_web_host_is_filled_with_the_stores_the_cli_opened()
    {
        using var bt = new BtSandbox();
        var stores = await CliHost.OpenStoresAsync(new StoreSelection(StoreKind.Sqlite, bt.Db), StoreNeeds.ReadModelsAndSearch, CancellationToken.None);
        await using var log = stores.Log;

        await using var app = ApiHost.Build(new ApiSettings { Urls = "http://127.0.0.1:0", ConsoleLogs = false }, stores);

        Assert.Same(stores.Log, app.Services.GetRequiredService<IEventStore>());
        Assert.Same(stores.ReadModels!.Projections, app.Services.GetRequiredService<IProjectionStore>());
        Assert.Same(stores.ReadModels.Keys, app.Services.GetRequiredService<IApiKeyStore>());
        Assert.Same(stores.Search, app.Services.GetRequiredService<ISearchIndexStore>());
        Assert.Equal("sqlite", app.Services.GetRequiredService<StoreCapabilities>().Name);
    }
}
