using System.Diagnostics;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Cli.Bench;

/// <summary>
/// One run on a fresh file: durable single appends (one per stream, which also creates every
/// stream), batched appends up to the total, a full streaming replay through the projections'
/// fold, a state query from the database, and the file's size per event.
/// </summary>
internal static class BenchRun
{
    public static async Task<BenchResult> ExecuteAsync(string path, long totalEvents, int streams, int batchSize, Action<string, double> progress, CancellationToken ct)
    {
        var metadata = new EventMetadata("bench", Guid.CreateVersion7());
        var nextRevision = new long[streams];

        double singlePerSecond;
        double batchedPerSecond;
        await using (var store = SqliteEventStore.Open(path, TimeProvider.System))
        {
            var watch = Stopwatch.StartNew();
            for (var s = 0; s < streams; s++)
            {
                var dyad = SyntheticLedger.Dyad(s);
                await store.AppendAsync(dyad.StreamName, ExpectedRevision.NoStream, [Data(SyntheticLedger.Event(dyad, 0), metadata)], ct);
                nextRevision[s] = 1;
                if (s % 500 == 0)
                {
                    progress("single appends", (double)s / streams);
                }
            }
            singlePerSecond = streams / watch.Elapsed.TotalSeconds;

            var remaining = totalEvents - streams;
            var appended = 0L;
            var batchIndex = 0;
            var batch = new List<EventData>(batchSize);
            watch.Restart();
            while (appended < remaining)
            {
                var s = batchIndex++ % streams;
                var dyad = SyntheticLedger.Dyad(s);
                var count = (int)Math.Min(batchSize, remaining - appended);
                batch.Clear();
                for (var i = 0; i < count; i++)
                {
                    batch.Add(Data(SyntheticLedger.Event(dyad, nextRevision[s] + i), metadata));
                }
                await store.AppendAsync(dyad.StreamName, ExpectedRevision.Exact(nextRevision[s] - 1), batch, ct);
                nextRevision[s] += count;
                appended += count;
                if (batchIndex % 20 == 0)
                {
                    progress("batched appends", (double)appended / remaining);
                }
            }
            batchedPerSecond = remaining / watch.Elapsed.TotalSeconds;
        }

        double replayPerSecond;
        await using (var store = SqliteEventStore.Open(path, TimeProvider.System))
        {
            var watch = Stopwatch.StartNew();
            var views = new Dictionary<string, LedgerView>(streams, StringComparer.Ordinal);
            long replayed = 0;
            await foreach (var recorded in store.ReadAllAsync(cancellationToken: ct))
            {
                if (LedgerReader.ToEnvelope(recorded) is { } envelope)
                {
                    views[recorded.Stream] = LedgerView.Apply(views.TryGetValue(recorded.Stream, out var view) ? view : LedgerView.Create(), envelope);
                }
                if (++replayed % 50_000 == 0)
                {
                    progress("replay", (double)replayed / totalEvents);
                }
            }
            replayPerSecond = replayed / watch.Elapsed.TotalSeconds;
            GC.KeepAlive(views);
        }

        double stateSeconds;
        {
            var watch = Stopwatch.StartNew();
            await using var store = SqliteEventStore.Open(path, TimeProvider.System);
            var dyad = SyntheticLedger.Dyad(0);
            var view = await LedgerView.LoadAsync(store, dyad, null, ct);
            var state = RelationshipStateProjection.Build(dyad.ToString(), view, new DateOnly(2020, 1, 1), null);
            stateSeconds = watch.Elapsed.TotalSeconds;
            if (state.ClaimsConsidered == 0)
            {
                throw new InvalidOperationException("the state query saw no claims: the benchmark data is wrong");
            }
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var bytes = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        return new BenchResult(totalEvents, streams, batchSize, singlePerSecond, batchedPerSecond, replayPerSecond, stateSeconds, peak, (double)bytes / totalEvents);
    }

    private static EventData Data(Domain.ILedgerEvent e, EventMetadata metadata) =>
        new(Guid.CreateVersion7(), EventTypes.NameOf(e), EventSerializer.Serialize(e), metadata);
}
