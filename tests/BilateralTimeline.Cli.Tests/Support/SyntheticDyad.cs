using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Cli.Bench;

namespace BilateralTimeline.Cli.Tests.Support;

/// <summary>
/// The one-dyad store <c>bt bench --events N --streams 1 --runs 1</c> writes (the same SyntheticLedger
/// events, in batches of 1,000), without the bench's timed replays, rebuilds, copies and queries, which
/// cost a heavy-dyad test most of a minute of CPU and measure nothing it asserts.
/// </summary>
public static class SyntheticDyad
{
    public static async Task BuildAsync(string db, long events)
    {
        var (store, _) = await new StoreSelection(StoreKind.Sqlite, db).OpenAsync(TimeProvider.System, CancellationToken.None);
        await using var _ = store;
        var dyad = SyntheticLedger.Dyad(0);
        var metadata = new EventMetadata("bench", Guid.CreateVersion7());
        for (long revision = 0; revision < events; revision += 1_000)
        {
            var batch = new List<EventData>();
            for (var r = revision; r < Math.Min(events, revision + 1_000); r++)
            {
                var e = SyntheticLedger.Event(dyad, r);
                batch.Add(new EventData(Guid.CreateVersion7(), EventTypes.NameOf(e), EventSerializer.Serialize(e), metadata));
            }
            await store.AppendAsync(dyad.StreamName, revision == 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision - 1), batch);
        }
    }
}
