using System.CommandLine;
using BilateralTimeline.Api;
using Microsoft.Extensions.Hosting;

namespace BilateralTimeline.Cli.Commands;

/// <summary>bt serve: the HTTP API, live streams and the projection runner over the chosen store.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen (port 0: any free port, printed on start)", DefaultValueFactory = _ => "http://127.0.0.1:5080", HelpName = "URL" };
        var allowedHosts = new Option<string?>("--allowed-hosts")
        {
            Description = "More Host names to answer besides those of --urls (comma-separated; name: any port, name:port: that port; *: no check, only behind a proxy that checks Host). Others get 400",
            HelpName = "H1,H2",
        };
        var publicRead = new Option<bool>("--public-read") { Description = "Let requests without an API key read (GET); writes still need an analyst key" };
        var writeRate = new Option<int>("--writes-per-second") { Description = "Writes each API key may make per second before 429", DefaultValueFactory = _ => 20, HelpName = "N" };
        var defaults = new ApiSettings();
        var largePages = new Option<int>("--large-pages-at-once")
        {
            Description = $"Timeline pages of more than {defaults.LargePageItems:N0} items answered at once; the others wait their turn ({defaults.LargePagesQueued} may wait, more get 429). Default: half the cores, at least 1",
            DefaultValueFactory = _ => defaults.LargePagesAtOnce,
            HelpName = "N",
        };
        largePages.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--large-pages-at-once must be at least 1 (1: large pages one at a time)");
            }
        });
        var maxBody = new Option<long>("--max-body-bytes") { Description = "Largest request body accepted (413 above)", DefaultValueFactory = _ => 1024 * 1024, HelpName = "BYTES" };
        var quiet = new Option<bool>("--quiet") { Description = "No request logs on the console (JSON logs are on by default)" };
        var command = new Command("serve", """
            Serve the ledger over HTTP: the same queries and writes as the CLI under /api, the live log as
            Server-Sent Events at /events (resume with Last-Event-ID), projection changes at
            /projections/state/changes, /health with projection lag, the OpenAPI document at
            /openapi/v1.json and the web page at /. Writes need an analyst key (bt keys create).
            Only requests whose Host names this server (the host of --urls, or --allowed-hosts) are answered.
            Example: bt serve --urls http://127.0.0.1:5080
            """);
        command.Options.Add(urls);
        command.Options.Add(allowedHosts);
        command.Options.Add(publicRead);
        command.Options.Add(writeRate);
        command.Options.Add(largePages);
        command.Options.Add(maxBody);
        command.Options.Add(quiet);
        command.SetAction((parse, ct) => CommandRunner.Guarded(async () =>
        {
            // No CliHost here: the web host's container is this invocation's only one, filled by the same AddStores.
            var stores = await CliHost.OpenStoresAsync(CliOptions.Selection(parse), StoreNeeds.ReadModelsAndSearch, ct);
            await using var log = stores.Log;
            var settings = new ApiSettings
            {
                Urls = parse.GetValue(urls)!,
                AllowedHosts = (parse.GetValue(allowedHosts) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                PublicRead = parse.GetValue(publicRead),
                WritesPerSecond = Math.Max(1, parse.GetValue(writeRate)),
                LargePagesAtOnce = parse.GetValue(largePages),
                MaxRequestBodyBytes = Math.Max(1024, parse.GetValue(maxBody)),
                ConsoleLogs = !parse.GetValue(quiet),
            };
            await using var app = ApiHost.Build(settings, stores);
            await app.StartAsync(ct);
            foreach (var address in app.Urls)
            {
                Console.Out.WriteLine($"bt serve: listening on {address}");
            }
            await Console.Out.FlushAsync(ct);
            try
            {
                await app.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException)
            {
            }
            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
