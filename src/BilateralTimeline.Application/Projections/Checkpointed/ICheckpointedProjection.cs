using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Projections.Checkpointed;

/// <summary>
/// A projection kept in the store's database by <see cref="ProjectionRunner"/>. It is a pure fold over
/// the log; the runner owns storage and checkpoints.
/// </summary>
public interface ICheckpointedProjection
{
    /// <summary>Stable name used in tables, URLs (/projections/NAME/changes) and bt rebuild NAME.</summary>
    string Name { get; }

    /// <summary>A fresh fold, as before the first event.</summary>
    IProjectionFold Start(TimeProvider clock);

    /// <summary>
    /// What a reader gets for a stored row at a valid-time date. A row holds only what does not change
    /// with the date, so an answer that does (age, what had happened by then) is derived here, per read.
    /// </summary>
    /// <param name="document">The stored row.</param>
    /// <param name="asOf">The valid-time date.</param>
    /// <param name="listLimit">
    /// The most items the presented row may list of a list that grows with the history (state: its movers, largest
    /// share first, with their count); null: all. A dyad of a million events has some 200,000 movers: 40 MB of JSON per row.
    /// </param>
    string Present(string document, DateOnly asOf, int? listLimit = null) => document;

    /// <summary>False for a row an older build wrote in a shape this one no longer writes: the runner rewrites it when it opens the version.</summary>
    bool IsCurrent(string document) => true;

    /// <summary>
    /// The key of the row that a stored row is a part of (a segment of a large row, so that a commit rewrites
    /// only what changed), or null for a row readers see. Parts are never listed on their own.
    /// </summary>
    string? OwnerOf(string key) => null;

    /// <summary>The keys of the parts a stored row is joined from, in order (none: the row is whole).</summary>
    IReadOnlyList<string> PartsOf(string document) => [];

    /// <summary>
    /// <see cref="Present(string, IReadOnlyDictionary{string, string}, DateOnly, int?)"/> of a row from what this process
    /// holds instead of from its parts; null: join the parts. A server holds a large dyad's state terms anyway, and joining
    /// its segments read and decoded 76 MB of JSON at a million events for every reader at every commit.
    /// </summary>
    ValueTask<string?> PresentHeldAsync(string document, DateOnly asOf, int? listLimit, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    /// <summary><see cref="Present(string, DateOnly, int?)"/> for a row joined from parts: <paramref name="parts"/> holds the document of every key <see cref="PartsOf"/> names, as committed with the row.</summary>
    string Present(string document, IReadOnlyDictionary<string, string> parts, DateOnly asOf, int? listLimit = null) => Present(document, asOf, listLimit);
}

/// <summary>The in-memory state of one run of a projection.</summary>
public interface IProjectionFold
{
    void Apply(RecordedEvent recorded);

    /// <summary>The rows changed since the last call, one change per key, ready to commit.</summary>
    IReadOnlyList<ProjectionRowChange> TakeChanges();

    /// <summary><see cref="TakeChanges"/> for a fold that draws some rows from parts stored beside the log instead of holding what they derive from.</summary>
    ValueTask<IReadOnlyList<ProjectionRowChange>> TakeChangesAsync(CancellationToken cancellationToken) => ValueTask.FromResult(TakeChanges());

    /// <summary>
    /// The keys of the rows readers see that the events folded so far make (null: not known). A runner reopening at its
    /// checkpoint checks that those rows are in this build's shape by reading them alone, not every stored row: at a million
    /// events every row of "state" was 76 MB of JSON read at each start, and the memory it took stayed with the server.
    /// </summary>
    IReadOnlyCollection<string>? Owners => null;

    /// <summary>
    /// Forgets the changes since the last <see cref="TakeChanges"/> without deriving them: a runner reopening
    /// at its checkpoint replays rows that are already stored, and deriving them again costs as much as writing them.
    /// </summary>
    void ForgetChanges() => TakeChanges();
}
