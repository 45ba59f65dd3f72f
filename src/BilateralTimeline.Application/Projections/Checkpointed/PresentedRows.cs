using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Projections.Checkpointed;

/// <summary>
/// The rows of a projection version as readers see them: rows stored in parts (<see cref="ICheckpointedProjection.OwnerOf"/>)
/// are joined into the row that owns them, from one committed state, and presented at a date.
/// </summary>
public static class PresentedRows
{
    // A commit landing between reading a row and reading its parts sends the join round again; commits are
    // seconds apart at worst, so a few rounds always find a quiet moment.
    private const int JoinAttempts = 8;

    /// <summary>
    /// Rows of <paramref name="version"/> changed after <paramref name="afterPosition"/> (0: all), presented at <paramref name="asOf"/>
    /// with at most <paramref name="listLimit"/> items per long list (see <see cref="ICheckpointedProjection.Present(string, DateOnly, int?)"/>), in position order.
    /// </summary>
    public static async Task<IReadOnlyList<ProjectionRow>> ReadAsync(IProjectionStore projections, ICheckpointedProjection projection, int version, long afterPosition, DateOnly asOf, int? listLimit, CancellationToken cancellationToken)
    {
        var rows = await projections.ReadRowsAsync(projection.Name, version, afterPosition, cancellationToken).ConfigureAwait(false);
        var stored = rows.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var presented = new List<ProjectionRow>();
        foreach (var key in Owners(projection, rows))
        {
            stored.TryGetValue(key, out var row);
            if (row is not null && await projection.PresentHeldAsync(row.Document, asOf, listLimit, cancellationToken).ConfigureAwait(false) is { } held)
            {
                presented.Add(row with { Document = held });
                continue;
            }
            if (row is null || !Complete(projection, row, stored, out _))
            {
                // A part changed without its owner in this read, or the owner's parts are older than the read: join it from one statement.
                row = await JoinAsync(projections, projection, version, key, row is null ? [] : projection.PartsOf(row.Document), stored, cancellationToken).ConfigureAwait(false);
                if (row is null)
                {
                    continue;
                }
            }
            presented.Add(Present(projection, row, stored, asOf, listLimit));
        }
        return presented.OrderBy(r => r.Position).ToList();
    }

    /// <summary>Every row of a version read whole (one statement, so one committed state), presented at <paramref name="asOf"/> with every item of every list.</summary>
    public static IReadOnlyList<ProjectionRow> Present(ICheckpointedProjection projection, IReadOnlyList<ProjectionRow> rows, DateOnly asOf)
    {
        var stored = rows.ToDictionary(r => r.Key, StringComparer.Ordinal);
        return rows.Where(r => projection.OwnerOf(r.Key) is null).Select(r => Present(projection, r, stored, asOf, null)).ToList();
    }

    /// <summary>The keys readers see among <paramref name="rows"/>: the whole rows and the owners of the parts, in first-seen order.</summary>
    private static List<string> Owners(ICheckpointedProjection projection, IReadOnlyList<ProjectionRow> rows)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var owners = new List<string>();
        foreach (var row in rows)
        {
            var key = projection.OwnerOf(row.Key) ?? row.Key;
            if (seen.Add(key))
            {
                owners.Add(key);
            }
        }
        return owners;
    }

    /// <summary>Whether every part of <paramref name="row"/> is among <paramref name="stored"/> and none is newer than it (a part and its owner commit together).</summary>
    private static bool Complete(ICheckpointedProjection projection, ProjectionRow row, IReadOnlyDictionary<string, ProjectionRow> stored, out IReadOnlyList<string> parts)
    {
        parts = projection.PartsOf(row.Document);
        foreach (var part in parts)
        {
            if (!stored.TryGetValue(part, out var found) || found.Position > row.Position)
            {
                return false;
            }
        }
        return true;
    }

    private static async Task<ProjectionRow?> JoinAsync(IProjectionStore projections, ICheckpointedProjection projection, int version, string key, IReadOnlyList<string> wanted, Dictionary<string, ProjectionRow> stored, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < JoinAttempts; attempt++)
        {
            var read = await projections.ReadRowsByKeysAsync(projection.Name, version, [key, .. wanted], cancellationToken).ConfigureAwait(false);
            var found = read.ToDictionary(r => r.Key, StringComparer.Ordinal);
            if (!found.TryGetValue(key, out var row))
            {
                // Only parts left of a row that is gone: nothing to show.
                return null;
            }
            foreach (var part in read)
            {
                stored[part.Key] = part;
            }
            if (Complete(projection, row, found, out var parts))
            {
                return row;
            }
            wanted = parts;
        }
        throw new InvalidOperationException($"projection '{projection.Name}' row '{key}': its parts kept changing while being read");
    }

    private static ProjectionRow Present(ICheckpointedProjection projection, ProjectionRow row, IReadOnlyDictionary<string, ProjectionRow> stored, DateOnly asOf, int? listLimit)
    {
        var parts = projection.PartsOf(row.Document);
        if (parts.Count == 0)
        {
            return row with { Document = projection.Present(row.Document, asOf, listLimit) };
        }
        var documents = parts.ToDictionary(p => p, p => stored[p].Document, StringComparer.Ordinal);
        return row with { Document = projection.Present(row.Document, documents, asOf, listLimit) };
    }
}
