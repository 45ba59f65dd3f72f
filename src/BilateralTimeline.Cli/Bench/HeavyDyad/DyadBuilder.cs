using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>What a built dyad offers the timed operations: its claims and the span of its recording times.</summary>
internal sealed record BuiltDyad(string Db, long Events, IReadOnlyList<string> Claims, DateTimeOffset FirstRecorded, DateTimeOffset LastRecorded);

/// <summary>
/// One dyad of N events in a fresh SQLite file, with the spread workload's realistic mix (a source,
/// then blocks of an occurrence, four claims, three links, a confidence revision and a corroboration),
/// appended in batches as an import would, then its decider index and state projection built with `bt rebuild`, and its stored state
/// and timeline versions written by one cold `bt state` and `bt timeline`.
/// </summary>
internal static class DyadBuilder
{
    public static readonly DyadId Dyad = DyadId.Of("AZE", "IRN");

    private const int Batch = 1_000;

    public static async Task<BuiltDyad> BuildAsync(string db, long events, Action<string, double> progress, CancellationToken ct)
    {
        foreach (var stale in new[] { db, db + "-wal", db + "-shm" })
        {
            File.Delete(stale);
        }
        var metadata = new EventMetadata("bench", Guid.CreateVersion7());
        await using (var store = (await new StoreSelection(StoreKind.Sqlite, db).OpenAsync(TimeProvider.System, ct)).Store)
        {
            var batch = new List<EventData>(Batch);
            for (long next = 0; next < events;)
            {
                batch.Clear();
                var count = (int)Math.Min(Batch, events - next);
                for (var i = 0; i < count; i++)
                {
                    var e = SyntheticLedger.Event(Dyad, next + i);
                    batch.Add(new EventData(Guid.CreateVersion7(), EventTypes.NameOf(e), EventSerializer.Serialize(e), metadata));
                }
                await store.AppendAsync(Dyad.StreamName, next == 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(next - 1), batch, ct);
                next += count;
                if (next / Batch % 20 == 0)
                {
                    progress($"build {events:N0}", (double)next / events);
                }
            }
        }
        // The dyad was appended directly, as another program would, so its decider index is built the way such a
        // user builds it, untimed; a store written through bt has it kept current by every write.
        progress($"decider index {events:N0} (bt rebuild decider)", 0);
        await BtSelf.RunAsync(db, ["rebuild", "decider", "--dyad", Dyad.ToString()], ct);
        // Likewise the state projection, once per store instead of by the first run's server at start-up (two
        // minutes and more at 1M events, while the run waited). Every run's server then starts at the head but
        // for the few events earlier runs wrote, as a server restarted on a store it keeps current would.
        progress($"state projection {events:N0} (bt rebuild state)", 0);
        await BtSelf.RunAsync(db, ["rebuild", "state"], ct);
        await using var reader = (await new StoreSelection(StoreKind.Sqlite, db).OpenAsync(TimeProvider.System, ct)).Store;
        var first = await reader.ReadStreamAsync(Dyad.StreamName, ReadDirection.Forwards, 0, 1, ct).FirstAsync(ct);
        var last = await reader.ReadStreamAsync(Dyad.StreamName, ReadDirection.Forwards, events - 1, 1, ct).FirstAsync(ct);
        // A cold `bt state` or `bt timeline` stores the dyad's versions the first time it reaches past them (over a
        // minute at 1M events): once per store, as a desk's first query would, so no run's sample is that one query.
        var knownAt = last.Recorded.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var verb in new[] { "state", "timeline" })
        {
            progress($"stored {verb} versions {events:N0} (first bt {verb}, untimed)", 0);
            await BtSelf.RunAsync(db, [verb, "--dyad", Dyad.ToString(), "--as-of", "2026-01-01", "--known-at", knownAt, "--format", "json"], ct);
        }
        return new BuiltDyad(db, events, SyntheticLedger.ClaimIds(events).ToList(), first.Recorded, last.Recorded);
    }
}
