using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Checkpointed;
using MediatR;

namespace BilateralTimeline.Application.Features.Projections.GetProjectionStatus;

/// <summary>How far behind the log each checkpointed projection's live version is, in events and seconds.</summary>
public sealed record GetProjectionStatus : IRequest<ProjectionStatusReport>;

public sealed record ProjectionStatusReport(long HeadPosition, IReadOnlyList<ProjectionStatus> Projections);

/// <summary>LagSeconds: How long the oldest event not yet applied has been waiting (0 when caught up).</summary>
public sealed record ProjectionStatus(string Name, int? LiveVersion, long Checkpoint, long LagEvents, double LagSeconds, DateTimeOffset? Updated);

/// <remarks>
/// Where this process runs a projection's runner (<see cref="ProjectionProgress"/>), the lag counts from how far
/// the runner has replayed while it opens its version, not from the stored checkpoint it is replaying up to.
/// </remarks>
public sealed class GetProjectionStatusHandler(IEventStore store, IProjectionStore projections, IEnumerable<ICheckpointedProjection> definitions, TimeProvider clock, ProjectionProgress? progress = null) : IRequestHandler<GetProjectionStatus, ProjectionStatusReport>
{
    public async Task<ProjectionStatusReport> Handle(GetProjectionStatus request, CancellationToken cancellationToken)
    {
        long head = 0;
        await foreach (var last in store.ReadAllAsync(long.MaxValue, ReadDirection.Backwards, 1, cancellationToken).ConfigureAwait(false))
        {
            head = last.GlobalPosition;
        }
        var statuses = new List<ProjectionStatus>();
        foreach (var projection in definitions)
        {
            var live = await projections.ReadLiveVersionAsync(projection.Name, cancellationToken).ConfigureAwait(false);
            var checkpoint = live is { } v ? await projections.ReadCheckpointAsync(projection.Name, v, cancellationToken).ConfigureAwait(false) : null;
            var stored = checkpoint?.Position ?? 0;
            var position = progress?.OpeningAt(projection.Name) is { } replayed ? Math.Min(replayed, stored) : stored;
            double lagSeconds = 0;
            if (head > position)
            {
                await foreach (var waiting in store.ReadAllAsync(position + 1, ReadDirection.Forwards, 1, cancellationToken).ConfigureAwait(false))
                {
                    lagSeconds = Math.Max(0, (clock.GetUtcNow() - waiting.Recorded).TotalSeconds);
                }
            }
            statuses.Add(new ProjectionStatus(projection.Name, live, stored, Math.Max(0, head - position), Math.Round(lagSeconds, 3), checkpoint?.Updated));
        }
        return new ProjectionStatusReport(head, statuses);
    }
}
