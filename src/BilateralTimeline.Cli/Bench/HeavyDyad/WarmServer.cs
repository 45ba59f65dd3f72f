using System.Diagnostics;
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

    private WarmServer(Process process, HttpClient client)
    {
        this.process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<WarmServer> StartAsync(string db, CancellationToken ct)
    {
        var (_, key) = await BtSelf.RunAsync(db, ["keys", "create", "--role", "analyst", "--name", "bench"], ct);
        var process = Process.Start(BtSelf.StartInfo(db, ["serve", "--urls", "http://127.0.0.1:0", "--quiet", "--writes-per-second", "1000000"]))!;
        process.StandardInput.Close();
        // Drained so a chatty server never blocks on a full pipe.
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromMinutes(5));
            string? address = null;
            while (address is null)
            {
                var line = await process.StandardOutput.ReadLineAsync(deadline.Token)
                    ?? throw new InvalidOperationException($"bt serve exited ({(process.WaitForExit(5_000) ? process.ExitCode : -1)}) before listening");
                const string Marker = "listening on ";
                if (line.IndexOf(Marker, StringComparison.Ordinal) is var at and >= 0)
                {
                    address = line[(at + Marker.Length)..].Trim();
                }
            }
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(10) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Trim());
            return new WarmServer(process, client);
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
    /// </summary>
    public async Task CaughtUpAsync(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromMinutes(10));
        while (true)
        {
            var health = JsonNode.Parse(await Client.GetStringAsync("/health", deadline.Token));
            var lagging = health?["projections"] is JsonArray projections && projections.Any(p => (long?)p?["lagEvents"] is > 0);
            if (!lagging)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }

    /// <summary>Sends one request and returns its status code once the whole answer has arrived.</summary>
    public async Task<int> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        using var message = request();
        using var response = await Client.SendAsync(message, HttpCompletionOption.ResponseContentRead, ct);
        return (int)response.StatusCode;
    }

    public static HttpRequestMessage Post(string path, JsonObject body) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    public static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

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
