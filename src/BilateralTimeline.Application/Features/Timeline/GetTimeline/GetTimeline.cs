using BilateralTimeline.Application.Projections;
using MediatR;

namespace BilateralTimeline.Application.Features.Timeline.GetTimeline;

/// <summary>The timeline of a dyad as of a valid-time date (default today), as known at a recording time (default now).</summary>
public sealed record GetTimeline(string? Dyad, DateOnly? AsOf, DateTimeOffset? KnownAt) : IRequest<TimelineView>;

public sealed class GetTimelineHandler(Ports.IEventStore store, TimeProvider clock) : IRequestHandler<GetTimeline, TimelineView>
{
    public async Task<TimelineView> Handle(GetTimeline request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var view = await LedgerView.LoadAsync(store, dyad, request.KnownAt, cancellationToken).ConfigureAwait(false);
        var asOf = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return TimelineProjection.Build(dyad.ToString(), view, asOf, request.KnownAt);
    }
}
