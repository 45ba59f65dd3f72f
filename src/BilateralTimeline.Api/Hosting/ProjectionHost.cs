using BilateralTimeline.Application.Projections.Checkpointed;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BilateralTimeline.Api.Hosting;

/// <summary>Runs every checkpointed projection's runner for as long as the server runs; a failure is logged and the runner restarted.</summary>
internal sealed partial class ProjectionHost(ProjectionRunner runner, IEnumerable<ICheckpointedProjection> projections, ILogger<ProjectionHost> logger) : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Before the server answers /health: until a runner has opened its version, its stored checkpoint is not what it serves.
        foreach (var projection in projections)
        {
            runner.Starting(projection);
        }
        return Task.WhenAll(projections.Select(p => Task.Run(() => KeepRunning(p, stoppingToken), CancellationToken.None)));
    }

    private async Task KeepRunning(ICheckpointedProjection projection, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Started(projection.Name);
                await runner.RunAsync(projection, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(e, projection.Name);
                try
                {
                    await Task.Delay(RestartDelay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "projection {Projection} runner started")]
    private partial void Started(string projection);

    [LoggerMessage(Level = LogLevel.Error, Message = "projection {Projection} runner failed; restarting")]
    private partial void Failed(Exception error, string projection);
}
