using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>
/// `bt serve` on a free loopback port over one dyad's store, with an analyst key and no write rate
/// limit, for as long as the benchmark needs a warm server.
/// </summary>
internal sealed class WarmServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder stderr;

    private WarmServer(Process process, HttpClient client, StringBuilder stderr)
    {
        this.process = process;
        this.stderr = stderr;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <summary>Starts the server and waits (at most <paramref name="ready"/>'s bound) until it listens.</summary>
    public static async Task<WarmServer> StartAsync(string db, Readiness ready, CancellationToken ct)
    {
        var (_, key) = await BtSelf.RunAsync(db, ["keys", "create", "--role", "analyst", "--name", "bench"], ct);
        var process = Process.Start(BtSelf.StartInfo(db, ["serve", "--urls", "http://127.0.0.1:0", "--quiet", "--writes-per-second", "1000000"]))!;
        process.StandardInput.Close();
        // Drained so a chatty server never blocks on a full pipe, and kept (the end of it) to say why it stopped.
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(line.Data);
                if (stderr.Length > 4_000)
                {
                    stderr.Remove(0, stderr.Length - 4_000);
                }
            }
        };
        process.BeginErrorReadLine();
        try
        {
            var address = await ready.WithinAsync("waiting for it to listen", async token =>
            {
                while (true)
                {
                    var line = await process.StandardOutput.ReadLineAsync(token)
                        ?? throw new InvalidOperationException($"bt serve exited ({(process.WaitForExit(5_000) ? process.ExitCode : -1)}) before listening: {Tail(stderr)}");
                    const string Marker = "listening on ";
                    if (line.IndexOf(Marker, StringComparison.Ordinal) is var at and >= 0)
                    {
                        return line[(at + Marker.Length)..].Trim();
                    }
                }
            }, ct);
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            // No timeout of its own: every wait is bounded by the readiness bound or by the caller.
            var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Trim());
            return new WarmServer(process, client, stderr);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until /health shows every projection at the head of the log: a server still replaying
    /// history on start is not warm, and its catch-up would be timed as the first requests' latency.
    /// How far it is goes to <paramref name="progress"/>; the wait ends at <paramref name="ready"/>'s bound.
    /// </summary>
    public Task CaughtUpAsync(Readiness ready, Action<string, double> progress, CancellationToken ct) =>
        ready.WithinAsync("waiting for its projections to reach the head of the log", async token =>
        {
            long? behindAtStart = null;
            while (true)
            {
                ThrowIfExited();
                var health = JsonNode.Parse(await Client.GetStringAsync("/health", token));
                var behind = health?["projections"] is JsonArray projections ? projections.Max(p => (long?)p?["lagEvents"] ?? 0) : 0;
                if (behind <= 0)
                {
                    return true;
                }
                behindAtStart ??= behind;
                var head = (long?)health?["headPosition"] ?? 0;
                ready.Doing = $"its projections catching up, {behind.ToString("N0", CultureInfo.InvariantCulture)} events behind the head ({head.ToString("N0", CultureInfo.InvariantCulture)})";
                progress("bt serve catching up", 1 - ((double)behind / Math.Max(1, behindAtStart.Value)));
                await Task.Delay(TimeSpan.FromMilliseconds(500), token);
            }
        }, ct);

    /// <summary>One request that must succeed within <paramref name="ready"/>'s bound (a warm-up: the first query builds the server's index).</summary>
    public Task WarmAsync(Readiness ready, string what, Func<HttpRequestMessage> request, CancellationToken ct) =>
        ready.WithinAsync(what, async token =>
        {
            ThrowIfExited();
            using var message = request();
            using var response = await Client.SendAsync(message, HttpCompletionOption.ResponseContentRead, token);
            return response.IsSuccessStatusCode
                ? true
                : throw new InvalidOperationException($"bt serve answered the warm-up ({what}) with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
        }, ct);

    /// <summary>
    /// Sends one request and returns its status code once the whole answer has arrived. The answer is read through and
    /// dropped, not kept: buffering each page of 200 KB in this process (large objects, collected with the whole heap)
    /// took the cores from the server it measures, and doubled a page's measured time.
    /// </summary>
    public async Task<int> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        using var message = request();
        using var response = await Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await body.ReadAsync(buffer, ct) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return (int)response.StatusCode;
    }

    public static HttpRequestMessage Post(string path, JsonObject body) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    public static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    /// <summary>The server's peak memory so far, in MB (null where the system does not say).</summary>
    public double? PeakMegabytes() => PeakMemory.Of(process);

    private void ThrowIfExited()
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"bt serve exited ({process.ExitCode}) while warming up: {Tail(stderr)}");
        }
    }

    private static string Tail(StringBuilder stderr)
    {
        lock (stderr)
        {
            var text = stderr.ToString().Trim();
            return text.Length == 0 ? "(nothing on stderr)" : text;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        process.Dispose();
    }
}
