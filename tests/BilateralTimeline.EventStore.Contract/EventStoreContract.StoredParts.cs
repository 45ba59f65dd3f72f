using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract.QueryIndex;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// What the tests of stored query parts (snapshots, state terms, timeline versions) share: a random ledger that
/// grows in three parts, the lines of a stored index, and damage done to stored rows as a bad disk or a careless
/// edit would, each committed like a writer's change so the next reader sees it.
/// </summary>
public abstract partial class EventStoreContract
{
    /// <summary>Writes the random ledger of <paramref name="seed"/> in three parts; after each, <paramref name="ask"/> gets every event recorded so far.</summary>
    private async Task AfterEachThirdAsync(int seed, int claims, Func<IReadOnlyList<RecordedEvent>, Task> ask)
    {
        var batches = RandomLedger.Generate(seed, claims);
        var lastRevision = -1L;
        var third = batches.Count / 3;
        foreach (var part in new[] { batches.Take(third), batches.Skip(third).Take(third), batches.Skip(2 * third) })
        {
            lastRevision = await AppendLedgerAsync([.. part], lastRevision);
            await ask(await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync());
        }
    }

    /// <summary>The lines of a checkpointed projection's index row, one per stored segment.</summary>
    private async IAsyncEnumerable<string> IndexLinesAsync(string projection, int format)
    {
        foreach (var row in await Projections.ReadRowsByKeysAsync(projection, format, ["@index"]))
        {
            foreach (var line in row.Document.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return line;
            }
        }
    }

    /// <summary>Commits the change <paramref name="choose"/> picks from a projection's stored rows; false when nothing is stored yet or it picks none.</summary>
    private async Task<bool> DamageRowsAsync(string projection, int format, Func<IReadOnlyList<ProjectionRow>, ProjectionRowChange?> choose)
    {
        if (await Projections.ReadCheckpointAsync(projection, format) is not { Position: > 0 } checkpoint
            || choose(await Projections.ReadRowsAsync(projection, format)) is not { } change)
        {
            return false;
        }
        await Projections.CommitAsync(projection, format, checkpoint.Position, checkpoint.Position + 1, [change]);
        return true;
    }

    /// <summary>The row with one bit of its middle byte changed.</summary>
    private static ProjectionRowChange Flipped(ProjectionRow row)
    {
        var bytes = Convert.FromBase64String(row.Document);
        bytes[bytes.Length / 2] ^= 0x20;
        return new ProjectionRowChange(row.Key, Convert.ToBase64String(bytes));
    }

    /// <summary>The index with the last hex digit of its last segment's chain hash changed; null when there is none.</summary>
    private static ProjectionRowChange? HashEdited(ProjectionRow? index) =>
        index is not null && index.Document.Length > 2
            ? new ProjectionRowChange(index.Key, index.Document[..^1] + (index.Document[^1] == '0' ? '1' : '0'))
            : null;
}
