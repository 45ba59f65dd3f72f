using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BilateralTimeline.Web.Tests.Support;

/// <summary>
/// A real <c>bt serve</c> on a free loopback port (Kestrel picks it; bt prints it), over a fresh copy
/// of the sample store. Reads need no key (--public-read), as for an analyst's own machine.
/// </summary>
public sealed partial class BtServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly Task<string> stderr;

    private BtServer(Process process, Uri address, string folder, string db, Task<string> stderr)
    {
        this.process = process;
        this.stderr = stderr;
        Address = address;
        Folder = folder;
        Db = db;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public string Folder { get; }

    public string Db { get; }

    public HttpClient Http { get; }

    /// <param name="prepare">Runs on the store file before the server opens it (e.g. to tamper with it).</param>
    /// <param name="publicRead">Whether reads need no key (bt serve --public-read).</param>
    public static async Task<BtServer> StartAsync(Action<string>? prepare = null, bool publicRead = true)
    {
        var folder = Sandbox.NewFolder("server");
        var db = await SampleStore.CopyInto(folder);
        prepare?.Invoke(db);
        string[] args = ["--db", db, "serve", "--urls", "http://127.0.0.1:0", "--quiet"];
        var process = BtCli.Start(folder, publicRead ? [.. args, "--public-read"] : args);
        var stderr = process.StandardError.ReadToEndAsync();
        var address = await ListeningAddress(process, stderr);
        return new BtServer(process, address, folder, db, stderr);
    }

    /// <summary>An analyst key made with <c>bt keys create</c> against this server's store.</summary>
    public Task<string> CreateAnalystKeyAsync() => CreateKeyAsync("analyst");

    /// <summary>A key of <paramref name="role"/> (analyst, auditor, consumer) made with <c>bt keys create</c>.</summary>
    public async Task<string> CreateKeyAsync(string role)
    {
        var run = await BtCli.RunAsync(Folder, "--db", Db, "keys", "create", "--role", role, "--name", "web-tests");
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Stdout.Trim();
    }

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        var body = await Http.GetFromJsonAsync<JsonObject>(path);
        return body ?? throw new InvalidOperationException($"GET {path} returned null");
    }

    private static async Task<Uri> ListeningAddress(Process process, Task<string> stderr)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    // Keep draining stdout so the child never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return new Uri(match.Groups[1].Value);
                }
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("bt serve did not print 'listening on' within 90 s");
        }
        await process.WaitForExitAsync();
        Assert.Fail($"bt serve exited with {process.ExitCode} before listening:\n{await stderr}");
        throw new UnreachableException();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        await stderr;
        process.Dispose();
        Sandbox.TryDelete(Folder);
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
