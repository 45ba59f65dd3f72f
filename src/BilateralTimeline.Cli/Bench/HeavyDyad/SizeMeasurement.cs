using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>
/// One run of every timed operation on one dyad: the cold CLI first (nothing else running), then
/// the API through one warm `bt serve` and several concurrent clients.
/// </summary>
internal sealed class SizeMeasurement(BuiltDyad dyad, ClaimPool pool, int samples, int clients, int seed, TimeSpan readyWithin, Action<string, double> progress)
{
    private static readonly DateOnly FirstDay = new(2015, 1, 1);
    private readonly Random random = new(seed);
    private readonly string tag = $"r{seed}-{Guid.NewGuid():N}"[..16];
    private readonly string dyadText = DyadBuilder.Dyad.ToString();
    private int recorded;

    public async Task<SizeRun> RunAsync(CancellationToken ct)
    {
        var (retract, _) = await ColdAsync("retract", RetractArgs, ct);
        var (state, statePeak) = await ColdAsync("state", () => Query("state"), ct);
        var (timeline, timelinePeak) = await ColdAsync("timeline", () => Query("timeline"), ct);
        var results = new Dictionary<string, Latency>(StringComparer.Ordinal)
        {
            [Operations.CliRetract] = retract,
            [Operations.CliState] = state,
            [Operations.CliTimeline] = timeline,
        };
        // The "a CLI query" memory target: the larger of the cold queries' peaks.
        var queryPeak = new[] { statePeak, timelinePeak }.Max();
        (results[Operations.CliStateAfterWrite], results[Operations.CliTimelineAfterWrite]) = await AfterWriteAsync(ct);
        progress($"{dyad.Events:N0}: starting bt serve", 0);
        var ready = new Readiness(dyad.Db, readyWithin);
        await using var server = await WarmServer.StartAsync(dyad.Db, ready, ct);
        await server.CaughtUpAsync(ready, (phase, fraction) => progress($"{dyad.Events:N0}: {phase}", fraction), ct);
        // The first query folds the dyad's history into the server's index; alone, so its progress line says so.
        progress($"{dyad.Events:N0}: bt serve building its query index (first GET /api/state)", 0);
        await server.WarmAsync(ready, "for its first GET /api/state (the server's index of the dyad)", Api("state"), ct);
        // Warm-up, untimed: every path compiled and every cache filled before counting. A server runs its first few hundred
        // requests partly on code tiered compilation has not optimized yet (at 1M events a timeline page took 4-5 ms over its
        // first 500, 2 after), so each client asks every question many times first; the largest page, whose cost is its own
        // work, twice. The warm-up retracts the claims it recorded itself, so the dyad's own claims are left for the timed runs.
        progress($"{dyad.Events:N0}: warm-up requests", 0);
        var own = Enumerable.Range(0, clients * WarmUpWrites).Select(_ => NextId()).ToList();
        await ConcurrentAsync(server, WarmUpWrites, i => Record(own[i]), ct);
        await ConcurrentAsync(server, WarmUpWrites, i => Retract(own[i]), ct);
        await ConcurrentAsync(server, WarmUpQuestions, _ => Api("state"), ct);
        await ConcurrentAsync(server, WarmUpQuestions, _ => Api("timeline", $"&limit={Operations.Page}"), ct);
        await ConcurrentAsync(server, 2, _ => Api("timeline", $"&limit={Operations.LargestPage}"), ct);
        // The warm-up's writes are followed by the projections too: bounded again, as at start.
        await server.CaughtUpAsync(new Readiness(dyad.Db, readyWithin), (phase, fraction) => progress($"{dyad.Events:N0}: {phase}", fraction), ct);

        results[Operations.ApiRecord] = await TimedAsync("api record", server, _ => Record(NextId()), ct);
        results[Operations.ApiRetract] = await TimedAsync("api retract", server, _ => Retract(pool.Take()), ct);
        results[Operations.ApiState] = await TimedAsync("api state", server, _ => Api("state"), ct);
        results[Operations.ApiTimeline] = await TimedAsync("api timeline", server, _ => Api("timeline", $"&limit={Operations.Page}"), ct);
        results[Operations.ApiTimelineLargest] = await TimedAsync("api timeline (largest page)", server, _ => Api("timeline", $"&limit={Operations.LargestPage}"), ct);
        // An analysts' desk: each client records a claim, then asks the state and a page as they stand now, --samples of each,
        // while the others do the same. Each answer must take in writes landing meanwhile; the separate rows above never mix them (a page
        // meeting a write that landed after it looked at the head once fell to folding the whole history: 40 s at 1M).
        results[Operations.ApiDesk] = await TimedAsync("api desk (writes and questions about now, mixed)", server, i => (i % 3) switch
        {
            0 => Record(NextId()),
            1 => ApiNow("state"),
            _ => ApiNow("timeline", $"&limit={Operations.Page}"),
        }, ct, kinds: 3);
        return new SizeRun(dyad.Events, results, server.PeakMegabytes(), queryPeak);
    }

    // Per client, before the timed requests: questions are cheap and their code is the most of it; writes append to the dyad.
    private const int WarmUpQuestions = 150;
    private const int WarmUpWrites = 20;

    /// <summary>The latencies of --samples cold processes, and the largest peak memory any of them reached (null: none could say).</summary>
    private async Task<(Latency Latency, double? PeakMegabytes)> ColdAsync(string name, Func<IReadOnlyList<string>> args, CancellationToken ct)
    {
        var times = new List<double>();
        double? largest = null;
        for (var i = 0; i < samples; i++)
        {
            progress($"{dyad.Events:N0}: bt {name}", (double)i / samples);
            var (seconds, _, peak) = await BtSelf.RunMeasuredAsync(dyad.Db, args(), ct);
            times.Add(seconds);
            largest = new[] { largest, peak }.Max();
        }
        return (Latency.Of(times, []), largest);
    }

    /// <summary>
    /// What an analyst's desk does all day: a correction, then the state and the timeline as they stand now. Each
    /// sample is an untimed cold `bt retract`, then a timed cold `bt state --as-of` and a timed cold
    /// `bt timeline --as-of` with no --known-at, whose answers must take in the write (the random known-at of the
    /// other cold queries lies in the history the stored parts hold, so they never catch up).
    /// </summary>
    private async Task<(Latency State, Latency Timeline)> AfterWriteAsync(CancellationToken ct)
    {
        var (state, timeline) = (new List<double>(), new List<double>());
        for (var i = 0; i < samples; i++)
        {
            progress($"{dyad.Events:N0}: bt retract, then bt state and bt timeline about now", (double)i / samples);
            await BtSelf.RunAsync(dyad.Db, RetractArgs(), ct);
            var (asOf, _) = RandomTimes();
            state.Add((await BtSelf.RunAsync(dyad.Db, ["state", "--dyad", dyadText, "--as-of", asOf, "--format", "json"], ct)).Seconds);
            timeline.Add((await BtSelf.RunAsync(dyad.Db, ["timeline", "--dyad", dyadText, "--as-of", asOf, "--format", "json"], ct)).Seconds);
        }
        return (Latency.Of(state, []), Latency.Of(timeline, []));
    }

    /// <summary>--samples requests from each client (<paramref name="kinds"/> times as many when they take turns between as many kinds).</summary>
    private async Task<Latency> TimedAsync(string name, WarmServer server, Func<int, Func<HttpRequestMessage>> request, CancellationToken ct, int kinds = 1)
    {
        progress($"{dyad.Events:N0}: {name}", 0);
        var times = new List<double>();
        var failed = new List<int>();
        var total = samples * kinds * clients;
        await ConcurrentAsync(server, samples * kinds, i => request(i), ct, (seconds, status) =>
        {
            lock (times)
            {
                progress($"{dyad.Events:N0}: {name}", (double)(times.Count + failed.Count + 1) / total);
                if (status is >= 200 and < 300)
                {
                    times.Add(seconds);
                }
                else
                {
                    failed.Add(status);
                }
            }
        });
        return Latency.Of(times, failed);
    }

    /// <summary>Each of the clients sends <paramref name="perClient"/> requests, one after the other.</summary>
    private async Task ConcurrentAsync(WarmServer server, int perClient, Func<int, Func<HttpRequestMessage>> request, CancellationToken ct, Action<double, int>? timed = null)
    {
        // Requests are made up front: Random is not shared between threads.
        var planned = Enumerable.Range(0, clients * perClient).Select(request).ToArray();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < perClient; i++)
            {
                var watch = Stopwatch.StartNew();
                var status = await server.SendAsync(planned[(c * perClient) + i], ct);
                timed?.Invoke(watch.Elapsed.TotalSeconds, status);
            }
        }, ct)));
    }

    private IReadOnlyList<string> RetractArgs() => ["retract", pool.Take(), "--reason", "bench", "--dyad", dyadText];

    private IReadOnlyList<string> Query(string verb)
    {
        var (asOf, knownAt) = RandomTimes();
        return [verb, "--dyad", dyadText, "--as-of", asOf, "--known-at", knownAt, "--format", "json"];
    }

    private Func<HttpRequestMessage> Api(string resource, string more = "")
    {
        var (asOf, knownAt) = RandomTimes();
        var path = $"/api/{resource}?dyad={dyadText}&asOf={asOf}&knownAt={Uri.EscapeDataString(knownAt)}{more}";
        return () => WarmServer.Get(path);
    }

    /// <summary>A question about now (no known-at): its answer takes in every write landed before it.</summary>
    private Func<HttpRequestMessage> ApiNow(string resource, string more = "")
    {
        var (asOf, _) = RandomTimes();
        var path = $"/api/{resource}?dyad={dyadText}&asOf={asOf}{more}";
        return () => WarmServer.Get(path);
    }

    private string NextId() => $"bench-{tag}-{Interlocked.Increment(ref recorded)}";

    private Func<HttpRequestMessage> Record(string id)
    {
        var body = new JsonObject { ["dyad"] = dyadText, ["claim"] = SyntheticJson.Claim(id, SyntheticLedger.SourceId(DyadBuilder.Dyad), null, DyadBuilder.Dyad.First, random.Next(4000)) };
        return () => WarmServer.Post("/api/claims", body.DeepClone().AsObject());
    }

    private Func<HttpRequestMessage> Retract(string claim)
    {
        var body = new JsonObject { ["dyad"] = dyadText, ["claimId"] = claim, ["reason"] = "bench" };
        return () => WarmServer.Post("/api/corrections/retract", body.DeepClone().AsObject());
    }

    /// <summary>A valid time anywhere in the synthetic history, and a recording time anywhere in the dyad's build.</summary>
    private (string AsOf, string KnownAt) RandomTimes()
    {
        var asOf = FirstDay.AddDays(random.Next(4018)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var span = dyad.LastRecorded - dyad.FirstRecorded;
        var knownAt = dyad.FirstRecorded + (span * random.NextDouble());
        return (asOf, knownAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
    }
}
