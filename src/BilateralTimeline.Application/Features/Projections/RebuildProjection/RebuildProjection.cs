using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Projections.RebuildProjection;

/// <summary>
/// Build a new version of a projection from the first event, beside the live one (which keeps serving
/// and keeps being updated), swap it live once it has caught up, and report what differs.
/// </summary>
public sealed record RebuildProjection(string Projection, IProgress<long>? Progress = null) : IRequest<RebuildReport>;

/// <summary>Added: Keys only the new version has. Removed: Keys only the old version had. Changed: Keys whose documents differ.</summary>
public sealed record RebuildReport(string Projection, int? OldVersion, int NewVersion, long Position, int Rows, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<RowDifference> Changed);

/// <summary>A row whose document differs between versions, with the top-level fields that changed.</summary>
public sealed record RowDifference(string Key, IReadOnlyList<string> Fields);

public sealed class RebuildProjectionValidator : AbstractValidator<RebuildProjection>
{
    public RebuildProjectionValidator(IEnumerable<ICheckpointedProjection> projections)
    {
        var names = projections.Select(p => p.Name).ToList();
        RuleFor(x => x.Projection).Must(names.Contains).WithMessage((_, p) => $"'{p}' is not a projection; use one of: {string.Join(", ", names)}");
    }
}

public sealed class RebuildProjectionHandler(IEventStore store, IProjectionStore projections, IEnumerable<ICheckpointedProjection> definitions, TimeProvider clock) : IRequestHandler<RebuildProjection, RebuildReport>
{
    /// <summary>
    /// Swap once a pass over the log found at most this many new events: under a steady stream of writes a
    /// pass never finds none, and the live runner applies the rest from the new version's checkpoint.
    /// </summary>
    private const int CaughtUpWithin = 50;

    /// <summary>
    /// Events per read while rebuilding, and the fewest per commit. The new version serves no reader yet, and
    /// each commit rewrites every row its events touched from the whole of that dyad's history: at the live
    /// runner's <see cref="ProjectionRunner.MaxBatch"/> a dyad of a million events was rewritten two thousand
    /// times, so commits are spaced further apart as the history grows (<see cref="VersionWriter.BacklogCommitDue"/>).
    /// </summary>
    public const int RebuildBatch = 20_000;

    public async Task<RebuildReport> Handle(RebuildProjection request, CancellationToken cancellationToken)
    {
        var projection = definitions.Single(p => p.Name == request.Projection);
        var oldVersion = await projections.ReadLiveVersionAsync(projection.Name, cancellationToken).ConfigureAwait(false);
        var versions = await projections.ListVersionsAsync(projection.Name, cancellationToken).ConfigureAwait(false);
        var newVersion = Math.Max(oldVersion ?? 0, versions.Count > 0 ? versions[^1] : 0) + 1;
        var writer = new VersionWriter(store, projections, projection, newVersion, clock);
        await writer.OpenAsync(cancellationToken).ConfigureAwait(false);

        while (true)
        {
            var applied = await CatchUpAsync(writer, request.Progress, cancellationToken).ConfigureAwait(false);
            if (applied > CaughtUpWithin)
            {
                continue;
            }
            // Nothing arrived since the last pass: swap. Events appended after this point are applied by the
            // live runner, which follows the new version from its checkpoint.
            if (await projections.SwapLiveAsync(projection.Name, oldVersion, newVersion, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
            throw new InputRejectedException("projection", $"another rebuild of '{projection.Name}' swapped first; run it again if needed");
        }

        var fresh = await projections.ReadRowsAsync(projection.Name, newVersion, 0, cancellationToken).ConfigureAwait(false);
        var old = oldVersion is { } o ? await projections.ReadRowsAsync(projection.Name, o, 0, cancellationToken).ConfigureAwait(false) : [];
        // The replaced version stays one generation (readers that looked up the live version just before
        // the swap still find their rows); anything older goes now.
        foreach (var stale in versions.Where(v => v < (oldVersion ?? 0)))
        {
            await projections.DropVersionAsync(projection.Name, stale, cancellationToken).ConfigureAwait(false);
        }
        // Compared as readers see them today: the two versions may store different shapes of the same answer.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return Diff(projection.Name, oldVersion, newVersion, writer.Checkpoint, Presented(projection, old, today), Presented(projection, fresh, today));
    }

    /// <summary>One pass to the head: events are folded as they are read, committed when a backlog commit is due and at the end of the pass.</summary>
    private async Task<long> CatchUpAsync(VersionWriter writer, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var applied = await LogCatchUp.RunAsync(store, writer.Checkpoint, RebuildBatch, async (batch, ct) =>
        {
            foreach (var e in batch)
            {
                writer.Apply(e);
            }
            if (writer.BacklogCommitDue(RebuildBatch))
            {
                await writer.CommitAsync(ct).ConfigureAwait(false);
            }
            progress?.Report(writer.Applied);
        }, cancellationToken).ConfigureAwait(false);
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    private static IReadOnlyList<ProjectionRow> Presented(ICheckpointedProjection projection, IReadOnlyList<ProjectionRow> rows, DateOnly asOf) =>
        PresentedRows.Present(projection, rows, asOf);

    private static RebuildReport Diff(string name, int? oldVersion, int newVersion, long position, IReadOnlyList<ProjectionRow> old, IReadOnlyList<ProjectionRow> fresh)
    {
        var before = old.ToDictionary(r => r.Key, r => r.Document, StringComparer.Ordinal);
        var after = fresh.ToDictionary(r => r.Key, r => r.Document, StringComparer.Ordinal);
        var added = after.Keys.Where(k => !before.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var removed = before.Keys.Where(k => !after.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var changed = after.Where(kv => before.TryGetValue(kv.Key, out var was) && was != kv.Value)
            .Select(kv => new RowDifference(kv.Key, JsonFields.Differing(before[kv.Key], kv.Value)))
            .Where(d => d.Fields.Count > 0)
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .ToList();
        return new RebuildReport(name, oldVersion, newVersion, position, fresh.Count, added, removed, changed);
    }
}
