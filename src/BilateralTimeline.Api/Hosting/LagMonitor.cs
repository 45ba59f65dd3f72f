using BilateralTimeline.Application.Features.Projections.GetProjectionStatus;
using BilateralTimeline.Api.Observability;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BilateralTimeline.Api.Hosting;

/// <summary>
/// Measures projection lag every <see cref="Interval"/> so the metrics gauges (which must answer
/// synchronously) report a fresh figure without querying the store on each scrape.
/// </summary>
internal sealed class LagMonitor(IServiceScopeFactory scopes) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private volatile IReadOnlyList<(string Projection, long Events, double Seconds)> _last = [];

    public IReadOnlyList<(string Projection, long Events, double Seconds)> Last => _last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Telemetry.ObserveLag(() => _last);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetProjectionStatus(), stoppingToken).ConfigureAwait(false);
                _last = report.Projections.Select(p => (p.Name, p.LagEvents, p.LagSeconds)).ToList();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy or briefly unavailable store only delays the next figure.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
