using System.Diagnostics;

namespace BilateralTimeline.Cli.Tests.Support;

/// <summary>`bt serve` from the built bt.dll as a long-running child process on a free loopback port.</summary>
public static class BtServe
{
    /// <summary>Starts `bt STORE-OPTIONS serve`; the caller kills it.</summary>
    public static Process Start(BtSandbox sandbox, params string[] storeOptions) =>
        BtChild.Start(BtProcess.BtDll, sandbox.Folder, [.. storeOptions, "serve", "--urls", "http://127.0.0.1:0", "--quiet"]);

    /// <summary>The address `bt serve` prints once it listens.</summary>
    public static async Task<string> ListeningAddressAsync(Process server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("bt serve: listening on ", StringComparison.Ordinal))
            {
                return line["bt serve: listening on ".Length..];
            }
        }
        throw new InvalidOperationException($"bt serve exited without listening: {await server.StandardError.ReadToEndAsync()}");
    }
}
