using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Projections.Checkpointed;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Projections.ReadProjection;

/// <summary>
/// The rows of a projection's live version changed after a position (0: all rows), grouped by the
/// position they were committed at: what a consumer resuming from that position must apply. Each
/// document is presented at the valid-time date <see cref="AsOf"/> (default: today by the clock),
/// listing at most <see cref="Movers"/> movers per state row, largest share first (null: all).
/// </summary>
public sealed record ReadProjection(string Projection, long AfterPosition = 0, DateOnly? AsOf = null, int? Movers = null) : IRequest<ProjectionPage>
{
    /// <summary>Movers per state row when a reader names none: GET /api/state's page, not 200,000 lines for a dyad of a million events.</summary>
    public const int DefaultMovers = RelationshipStateProjection.DefaultMovers;
}

public sealed record ProjectionPage(string Projection, int? Version, long Checkpoint, DateOnly AsOf, IReadOnlyList<ProjectionCommit> Commits);

/// <summary>Rows committed together at one position: one SSE message, so Last-Event-ID never splits a commit.</summary>
public sealed record ProjectionCommit(long Position, int Version, IReadOnlyList<ProjectionRowView> Rows);

public sealed record ProjectionRowView(string Key, System.Text.Json.Nodes.JsonNode? Document);

public sealed class ReadProjectionValidator : AbstractValidator<ReadProjection>
{
    public ReadProjectionValidator(IEnumerable<ICheckpointedProjection> projections)
    {
        var names = projections.Select(p => p.Name).ToList();
        RuleFor(x => x.Projection).Must(names.Contains).WithMessage((_, p) => $"'{p}' is not a projection; use one of: {string.Join(", ", names)}");
        RuleFor(x => x.AfterPosition).GreaterThanOrEqualTo(0).WithMessage("must be 0 or more");
        RuleFor(x => x.Movers).InclusiveBetween(1, PageCursor.MaxLimit).When(x => x.Movers is not null).WithMessage($"must be between 1 and {PageCursor.MaxLimit:N0}");
    }
}

public sealed class ReadProjectionHandler(IProjectionStore projections, IEnumerable<ICheckpointedProjection> definitions, TimeProvider clock) : IRequestHandler<ReadProjection, ProjectionPage>
{
    public async Task<ProjectionPage> Handle(ReadProjection request, CancellationToken cancellationToken)
    {
        var definition = definitions.Single(p => p.Name == request.Projection);
        var asOf = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var live = await projections.ReadLiveVersionAsync(request.Projection, cancellationToken).ConfigureAwait(false);
        if (live is not { } version)
        {
            return new ProjectionPage(request.Projection, null, 0, asOf, []);
        }
        var checkpoint = await projections.ReadCheckpointAsync(request.Projection, version, cancellationToken).ConfigureAwait(false);
        var rows = await PresentedRows.ReadAsync(projections, definition, version, request.AfterPosition, asOf, request.Movers, cancellationToken).ConfigureAwait(false);
        var commits = rows.GroupBy(r => r.Position).OrderBy(g => g.Key)
            .Select(g => new ProjectionCommit(g.Key, version, g.Select(r => new ProjectionRowView(r.Key, System.Text.Json.Nodes.JsonNode.Parse(r.Document))).ToList()))
            .ToList();
        return new ProjectionPage(request.Projection, version, checkpoint?.Position ?? 0, asOf, commits);
    }
}
