using System.Threading.RateLimiting;
using BilateralTimeline.Application;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Api.Hosting;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Observability;
using BilateralTimeline.Api.Resources.Actors;
using BilateralTimeline.Api.Resources.Claims;
using BilateralTimeline.Api.Resources.Contradictions;
using BilateralTimeline.Api.Resources.Export;
using BilateralTimeline.Api.Resources.Corrections;
using BilateralTimeline.Api.Resources.Events;
using BilateralTimeline.Api.Resources.Health;
using BilateralTimeline.Api.Resources.Occurrences;
using BilateralTimeline.Api.Resources.Projections;
using BilateralTimeline.Api.Resources.Revision;
using BilateralTimeline.Api.Resources.Search;
using BilateralTimeline.Api.Resources.Sources;
using BilateralTimeline.Api.Resources.State;
using BilateralTimeline.Api.Resources.Timeline;
using BilateralTimeline.Api.Resources.Verify;
using BilateralTimeline.Api.Security;
using BilateralTimeline.Api.Streams;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BilateralTimeline.Api;

/// <summary>
/// The HTTP composition root. The caller (bt serve, or a test) chooses the stores; everything else is
/// wired here: JSON as the CLI writes it, problem+json errors, API keys, write rate limits, body size
/// limits, security headers, the Host allow-list, HEAD on every GET, SSE streams, the projection runner, OpenAPI at /openapi/v1.json, and the web page at /.
/// </summary>
public static class ApiHost
{
    public const string WritePolicy = "writes";

    public const string LargePagePolicy = "large-pages";

    public static WebApplication Build(ApiSettings settings, IEventStore store, StoreCapabilities capabilities, IProjectionStore projections, IApiKeyStore keys, TimeProvider? clock = null, ISearchIndexStore? search = null) =>
        Build(settings, new OpenStores(store, capabilities) { ReadModels = new ReadModelStores(projections, () => keys, _ => Task.FromResult<ISearchIndexStore>(search ?? new NoSearchIndex())), Search = search }, clock);

    /// <summary>The server over stores the caller opened; they enter the container through <see cref="StoreRegistration.AddStores"/>, as in every CLI invocation.</summary>
    public static WebApplication Build(ApiSettings settings, OpenStores stores, TimeProvider? clock = null)
    {
        if (stores.ReadModels is null)
        {
            throw new ArgumentException("serving needs the read-model stores (projections, API keys)", nameof(stores));
        }
        var search = stores.Search;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Well above the API's own limit (a single read may return a large chunk): BodyLimit answers first with a problem document; this only guards against bugs.
            kestrel.Limits.MaxRequestBodySize = (settings.MaxRequestBodyBytes * 2) + (1024 * 1024);
            kestrel.AddServerHeader = false;
        });

        ConfigureLogging(builder.Logging, settings);
        var services = builder.Services;
        services.AddBilateralTimeline();
        services.AddTransient(typeof(MediatR.IPipelineBehavior<,>), typeof(TracingBehavior<,>));
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        services.AddSingleton(settings);
        services.AddStores(stores);
        // A server answers the state and timeline pages of a large dyad from the parts stored beside the log, as the CLI does,
        // holding the state terms decoded between questions; only the other queries (actors, explain, trace, …) and small
        // dyads fold a ledger view, kept with checkpoints and followed to the log's tail by the index. Its whole-dyad fold
        // was 1.2 GB of a 2 GB server at a million events, and its first question took 25 s.
        services.AddSingleton<Application.Projections.Views.LedgerIndex>();
        services.AddSingleton<Application.Projections.Views.WholeFolds>();
        services.AddSingleton<Application.Projections.StateVersions.HeldStateTerms>();
        services.AddSingleton<Application.Ports.ILedgerViews>(p => Application.Projections.Views.ServerViews.Create(
            p.GetRequiredService<IEventStore>(), p.GetRequiredService<IProjectionStore>(), p.GetRequiredService<Application.Projections.Views.LedgerIndex>(),
            p.GetRequiredService<Application.Projections.StateVersions.HeldStateTerms>(), new Application.Projections.TimelineVersions.HeldTimelines(p.GetRequiredService<Application.Projections.Views.WholeFolds>())));
        // The runner's "state" rows of a large dyad come from the same held terms instead of a fold of its whole history
        // (430 MB of live heap at a million events, the most of what the server held once the queries stopped folding).
        services.RemoveAll<Application.Projections.Checkpointed.ICheckpointedProjection>();
        services.AddSingleton<Application.Projections.Checkpointed.ICheckpointedProjection>(p => Application.Projections.Views.ServerViews.StateRows(
            p.GetRequiredService<IEventStore>(), p.GetRequiredService<IProjectionStore>(), p.GetRequiredService<Application.Projections.Views.LedgerIndex>(),
            p.GetRequiredService<Application.Projections.StateVersions.HeldStateTerms>()));
        if (search is null)
        {
            services.AddSingleton<ISearchIndexStore>(new NoSearchIndex());
        }
        services.Configure<JsonOptions>(options => LedgerJsonForHttp.Apply(options.SerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        // AddAuthenticationCore, not AddAuthentication: the latter also registers DataProtection, whose
        // hosted service writes a key ring to ~/.aspnet/DataProtection-Keys at start-up. Nothing here
        // protects data (no cookies, no antiforgery), so no key ring is made anywhere.
        services.AddAuthenticationCore(options => options.DefaultScheme = ApiKeyAuthentication.SchemeName);
        services.AddWebEncoders();
        new AuthenticationBuilder(services).AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddSingleton<HostAllowList>();
        services.AddAuthorization(options => AccessPolicies.Add(options, settings.PublicRead));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(WritePolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value ?? http.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.WritesPerSecond,
                    TokensPerPeriod = settings.WritesPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.AddPolicy(LargePagePolicy, new LargePages(settings));
            options.OnRejected = (context, _) => ProblemResponses.TooManyRequests(context.HttpContext, "Too many writes",
                $"this key may write {settings.WritesPerSecond} times per second; retry after the Retry-After header's seconds");
        });
        services.AddOpenApi();
        services.AddSingleton<LagMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<LagMonitor>());
        if (settings.RunProjections)
        {
            services.AddHostedService<ProjectionHost>();
            if (search is not null)
            {
                services.AddHostedService<SearchIndexHost>();
            }
        }
        AddTelemetry(services);

        var app = builder.Build();
        var requestLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BilateralTimeline.Api.Requests");
        app.Use(SecurityHeaders.Middleware);
        app.Use(app.Services.GetRequiredService<HostAllowList>().Middleware);
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ProblemResponses.HandleAsync, StatusCodeSelector = null });
        app.UseStatusCodePages(context => ProblemResponses.StatusCodePage(context.HttpContext));
        app.Use(ProblemResponses.ClientErrors(requestLog));
        app.Use(BodyLimit.Middleware(settings.MaxRequestBodyBytes));
        app.Use(ConflictResponses.Middleware);
        ServeWebPage(app, settings.WebRoot ?? Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseAuthentication();
        app.Use(RequestLog.Middleware(requestLog));
        app.UseAuthorization();
        app.UseRateLimiter();

        // Everything is mapped under one group so that HEAD can be added to every GET in one place.
        var root = app.MapGroup("");
        ((IEndpointConventionBuilder)root).Finally(HeadRequests.AllowOnGets);
        var api = root.MapGroup("/api");
        TimelineEndpoints.Map(api);
        ExportEndpoints.Map(api);
        StateEndpoints.Map(api);
        Resources.Diff.DiffEndpoints.Map(api);
        Resources.Sensitivity.SensitivityEndpoints.Map(api);
        ClaimsEndpoints.Map(api);
        SourcesEndpoints.Map(api);
        OccurrencesEndpoints.Map(api);
        CorrectionsEndpoints.Map(api);
        ContradictionsEndpoints.Map(api);
        ActorsEndpoints.Map(api);
        ActorRegistryEndpoints.Map(api);
        VerifyEndpoints.Map(api);
        EventsEndpoints.Map(api);
        RevisionEndpoints.Map(api);
        ProjectionsEndpoints.Map(api);
        SearchEndpoints.Map(api);
        Resources.Drafts.DraftsEndpoints.Map(api);
        Resources.Imports.ImportsEndpoints.Map(api);
        EventStreamEndpoint.Map(root, settings);
        ProjectionStreamEndpoint.Map(root, settings);
        HealthEndpoints.Map(root);
        root.MapOpenApi().AllowAnonymous();
        return app;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, ApiSettings settings)
    {
        logging.ClearProviders();
        if (settings.ConsoleLogs)
        {
            logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
            // Logs go to stderr so stdout carries only what bt serve prints for scripts (the address).
            logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        // Request lines come from RequestLog, which leaves out query strings (they may carry an API key).
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    }

    /// <summary>
    /// Traces and metrics always flow to OpenTelemetry's in-process pipeline; they leave the process only
    /// when the operator points OTEL_EXPORTER_OTLP_ENDPOINT at a collector (the standard variable).
    /// </summary>
    private static void AddTelemetry(IServiceCollection services)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("bilateral-timeline"))
            .WithTracing(tracing => tracing.AddSource(Telemetry.Name).AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(Telemetry.Name).AddAspNetCoreInstrumentation());
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            telemetry.UseOtlpExporter();
        }
    }

    /// <summary>The web page (wwwroot, copied beside the program) at /, when it is there.</summary>
    private static void ServeWebPage(WebApplication app, string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }
}
