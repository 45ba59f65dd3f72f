using System.Text.Json.Nodes;

namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>What a heavy-dyad benchmark is asked to do.</summary>
internal sealed record HeavyDyadPlan(IReadOnlyList<long> Sizes, int Runs, int Samples, int Clients, long ImportEvents, string Folder, TimeSpan ReadyWithin)
{
    /// <summary>Claims one size's runs retract, warm-ups excluded: each is retracted once.</summary>
    public long RetractsPerSize => (long)Runs * (Samples + ((long)Samples * Clients));
}

/// <summary>All runs at all sizes, and the imports into the largest dyad.</summary>
internal sealed record HeavyDyadResults(HeavyDyadPlan Plan, IReadOnlyList<IReadOnlyList<SizeRun>> Runs, IReadOnlyList<ImportRun> Imports, IReadOnlyList<string> Stores);

/// <summary>
/// The heavy-dyad workload: one SQLite store per size, each holding one dyad, built once and then
/// measured run after run (the few events the runs write leave the size as it was, to within a
/// fraction of a percent); the import goes into a copy of the largest, so the stores left behind
/// hold the dyads as sized.
/// </summary>
internal static class HeavyDyadWorkload
{
    public static async Task<HeavyDyadResults> RunAsync(HeavyDyadPlan plan, Action<string, double> progress, Action<string> say, CancellationToken ct)
    {
        var dyads = new List<BuiltDyad>();
        foreach (var size in plan.Sizes)
        {
            say($"building one dyad of {size:N0} events …");
            dyads.Add(await DyadBuilder.BuildAsync(Path.Combine(plan.Folder, $"dyad-{size}.db"), size, progress, ct));
        }
        var pools = dyads.Select(d => new ClaimPool(d.Claims, (int)d.Events)).ToList();
        var runs = new List<IReadOnlyList<SizeRun>>();
        var imports = new List<ImportRun>();
        for (var run = 1; run <= plan.Runs; run++)
        {
            var sizes = new List<SizeRun>();
            for (var i = 0; i < dyads.Count; i++)
            {
                say($"run {run}/{plan.Runs}: dyad of {dyads[i].Events:N0} events …");
                sizes.Add(await new SizeMeasurement(dyads[i], pools[i], plan.Samples, plan.Clients, (run * 7919) + i, plan.ReadyWithin, progress).RunAsync(ct));
            }
            runs.Add(sizes);
            if (plan.ImportEvents > 0)
            {
                say($"run {run}/{plan.Runs}: importing {plan.ImportEvents:N0} events into the dyad of {dyads[^1].Events:N0} …");
                imports.Add(await ImportAsync(dyads[^1], plan, run, ct));
            }
        }
        return new HeavyDyadResults(plan, runs, imports, dyads.Select(d => d.Db).ToList());
    }

    private static async Task<ImportRun> ImportAsync(BuiltDyad largest, HeavyDyadPlan plan, int run, CancellationToken ct)
    {
        var scratch = Path.Combine(plan.Folder, $"import-run{run}");
        Directory.CreateDirectory(scratch);
        var copy = Path.Combine(scratch, "dyad.db");
        try
        {
            // No process holds the store now, so the file and its write-ahead log together are the whole store.
            File.Copy(largest.Db, copy);
            if (File.Exists(largest.Db + "-wal"))
            {
                File.Copy(largest.Db + "-wal", copy + "-wal");
            }
            var files = SyntheticJson.WriteImportFiles(scratch, $"imp{run}", DyadBuilder.Dyad, plan.ImportEvents);
            // On disk before the import is timed: the kernel writing a just-copied store back (1.6 GB at 1M) while the
            // import's commits wait for their own syncs took 2 s of a 6.4 s import.
            foreach (var written in files.Append(copy).Append(copy + "-wal").Where(File.Exists))
            {
                using var handle = File.OpenHandle(written, FileMode.Open, FileAccess.ReadWrite);
                RandomAccess.FlushToDisk(handle);
            }
            var (seconds, stdout) = await BtSelf.RunAsync(copy, ["import", .. files, "--format", "json"], ct);
            var appended = JsonNode.Parse(stdout) is JsonArray results
                ? results.Sum(r => (long?)r?["eventsAppended"] ?? 0)
                : 0;
            return appended > 0
                ? new ImportRun(appended, largest.Events, seconds)
                : throw new InvalidOperationException($"bt import appended nothing: {stdout}");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
