using System.Diagnostics;
using BilateralTimeline.Application.Copying;
using BilateralTimeline.Application.Features.Projections.RebuildProjection;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Cli.Bench;

/// <summary>
/// One run on a fresh store: durable single appends (one per stream, which also creates every
/// stream) first from one writer then from several, batched appends up to the total, a full
/// streaming replay through the projections' fold, a state query from the database, a verbatim
/// copy of the whole history into a second fresh store (what `bt copy` and large imports use),
/// and the storage's size per event.
/// </summary>
internal static class BenchRun
{
    public static async Task<BenchResult> ExecuteAsync(StoreSelection target, StoreSelection copyTarget, long totalEvents, int streams, int batchSize, int writers, Action<string, double> progress, CancellationToken ct)
    {
        var metadata = new EventMetadata("bench", Guid.CreateVersion7());
        var nextRevision = new long[streams];

        double sequentialPerSecond;
        double? singlePerSecond = null;
        double? batchedPerSecond = null;
        var notRun = new List<string>();
        await using (var store = (await target.OpenAsync(TimeProvider.System, ct)).Store)
        {
            // One writer appending one event at a time: every append waits for its own fsync.
            var sequential = Math.Min(streams, 1_000);
            var watch = Stopwatch.StartNew();
            for (var s = 0; s < sequential; s++)
            {
                await AppendFirstAsync(store, s, metadata, ct);
            }
            sequentialPerSecond = sequential / watch.Elapsed.TotalSeconds;
            nextRevision.AsSpan(0, sequential).Fill(1);

            // Many writers appending one event each, as an API server sees them: group commit shares fsyncs.
            var next = sequential - 1;
            watch.Restart();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
            {
                for (var s = Interlocked.Increment(ref next); s < streams; s = Interlocked.Increment(ref next))
                {
                    await AppendFirstAsync(store, s, metadata, ct);
                    nextRevision[s] = 1;
                    if (s % 500 == 0)
                    {
                        progress("single appends", (double)s / streams);
                    }
                }
            }, ct)));
            // A rate over nothing would read as "0 appends/s": a phase with no work says it did not run.
            if (streams > sequential)
            {
                singlePerSecond = (streams - sequential) / watch.Elapsed.TotalSeconds;
            }
            else
            {
                notRun.Add($"single durable appends, {writers} writers: all {streams:N0} streams went to the 1-writer phase (it takes the first {sequential:N0}; give --streams above 1,000)");
            }

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
            if (remaining > 0)
            {
                batchedPerSecond = remaining / watch.Elapsed.TotalSeconds;
            }
            else
            {
                notRun.Add("batched appends: every event went to the single appends (give --events above --streams)");
            }
        }

        double readPerSecond;
        double replayPerSecond;
        double replayCpuPerEvent;
        double replayHeapPerEvent;
        double copyPerSecond;
        await using (var store = (await target.OpenAsync(TimeProvider.System, ct)).Store)
        {
            // Reading everything back as events, without folding: what the store alone costs.
            var watch = Stopwatch.StartNew();
            long read = 0;
            await foreach (var _ in store.ReadAllAsync(cancellationToken: ct))
            {
                if (++read % 50_000 == 0)
                {
                    progress("read back", (double)read / totalEvents);
                }
            }
            readPerSecond = read / watch.Elapsed.TotalSeconds;

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Restart();
            var views = new Dictionary<string, LedgerView.Builder>(streams, StringComparer.Ordinal);
            var replayed = await LogReplay.ReplayAsync(
                store,
                (stream, envelope) =>
                {
                    if (!views.TryGetValue(stream, out var view))
                    {
                        views[stream] = view = LedgerView.Create().ToBuilder();
                    }
                    view.Apply(envelope);
                },
                new Progress<long>(n => progress("replay", (double)n / totalEvents)),
                ct);
            var frozen = views.Values.Select(v => v.ToImmutable()).ToList();
            replayPerSecond = replayed / watch.Elapsed.TotalSeconds;
            // On a shared machine the wall clock also counts other processes' turns; the CPU time does not.
            replayCpuPerEvent = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / replayed;
            replayHeapPerEvent = (double)GC.GetTotalMemory(forceFullCollection: true) / replayed;
            GC.KeepAlive(frozen);
            GC.KeepAlive(views);

            await using var copy = (await copyTarget.OpenAsync(TimeProvider.System, ct)).Store;
            watch.Restart();
            var copyProgress = new Progress<long>(n => progress("copy", (double)n / totalEvents));
            var copied = copy is IHistoryImport verbatim
                ? await verbatim.ImportHistoryAsync(store.ReadAllAsync(cancellationToken: ct), copyProgress, ct)
                : await HistoryReplay.CopyAsync(store, copy, copyProgress, ct);
            copyPerSecond = copied / watch.Elapsed.TotalSeconds;
        }

        double stateSeconds;
        double plainQuery;
        double bitemporalQuery;
        {
            var watch = Stopwatch.StartNew();
            await using var store = (await target.OpenAsync(TimeProvider.System, ct)).Store;
            var dyad = SyntheticLedger.Dyad(0);
            var view = await LedgerView.LoadAsync(store, dyad, null, ct);
            var state = RelationshipStateProjection.Build(dyad.ToString(), view, new DateOnly(2020, 1, 1), null);
            stateSeconds = watch.Elapsed.TotalSeconds;
            if (state.ClaimsConsidered == 0)
            {
                throw new InvalidOperationException("the state query saw no claims: the benchmark data is wrong");
            }

            // The same question asked as of a recording time halfway through the stream's history.
            var middle = await store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, view.EventCount / 2, 1, ct).FirstAsync(ct);
            plainQuery = await MedianSecondsAsync(() => StateAsync(store, dyad, null, ct));
            bitemporalQuery = await MedianSecondsAsync(() => StateAsync(store, dyad, middle.Recorded, ct));
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var bytes = await SizeOnDiskAsync(target, ct);
        // Last, as it writes projection rows beside the log, which the size above must not count.
        var rebuildPerSecond = await RebuildStatePerSecondAsync(target, totalEvents, progress, ct);
        return new BenchResult(target.Kind, totalEvents, streams, batchSize, writers, sequentialPerSecond, singlePerSecond, batchedPerSecond, readPerSecond, replayPerSecond, copyPerSecond, stateSeconds, bitemporalQuery / plainQuery, peak, (double)bytes / totalEvents, notRun)
        {
            ReplayCpuMicrosecondsPerEvent = replayCpuPerEvent,
            ReplayHeapBytesPerEvent = replayHeapPerEvent,
            RebuildEventsPerSecond = rebuildPerSecond,
        };
    }

    /// <summary>`bt rebuild state`: the checkpointed projection rebuilt from the first event, its rows committed; null where the store has no tables.</summary>
    private static async Task<double?> RebuildStatePerSecondAsync(StoreSelection target, long totalEvents, Action<string, double> progress, CancellationToken ct)
    {
        if (!target.Adapter.HoldsReadModels)
        {
            return null;
        }
        await using var host = await CliHost.OpenAsync(target, ct, StoreNeeds.ReadModels);
        var watch = Stopwatch.StartNew();
        var report = await host.Mediator.Send(new RebuildProjection(StateProjection.ProjectionName, new Progress<long>(n => progress("rebuild state", (double)n / totalEvents))), ct);
        return report.Position / watch.Elapsed.TotalSeconds;
    }

    private static async Task<long> SizeOnDiskAsync(StoreSelection target, CancellationToken ct) =>
        await target.Adapter.SizeOnDiskAsync(target.Address, ct) ?? 0;

    private static async Task StateAsync(IEventStore store, Domain.Ledger.DyadId dyad, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var view = await LedgerView.LoadAsync(store, dyad, knownAt, ct);
        RelationshipStateProjection.Build(dyad.ToString(), view, new DateOnly(2020, 1, 1), knownAt);
    }

    private static async Task<double> MedianSecondsAsync(Func<Task> query)
    {
        var times = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times.Add(watch.Elapsed.TotalSeconds);
        }
        return times.Order().ElementAt(times.Count / 2);
    }

    private static Task AppendFirstAsync(IEventStore store, int stream, EventMetadata metadata, CancellationToken ct)
    {
        var dyad = SyntheticLedger.Dyad(stream);
        return store.AppendAsync(dyad.StreamName, ExpectedRevision.NoStream, [Data(SyntheticLedger.Event(dyad, 0), metadata)], ct);
    }

    private static EventData Data(Domain.ILedgerEvent e, EventMetadata metadata) =>
        new(Guid.CreateVersion7(), EventTypes.NameOf(e), EventSerializer.Serialize(e), metadata);
}
