using System.Diagnostics;

namespace BilateralTimeline.Cli.Tests.Support;

/// <summary>`bt serve` from the built bt.dll as a long-running child process on a free loopback port.</summary>
public static class BtServe
{
    /// <summary>Starts `bt STORE-OPTIONS serve`; the caller kills it.</summary>
    public static Process Start(BtSandbox sandbox, params string[] storeOptions)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = sandbox.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[BtProcess.BtDll, .. storeOptions, "serve", "--urls", "http://127.0.0.1:0", "--quiet"])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["HOME"] = sandbox.Folder;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("BT_STORE");
        start.Environment.Remove("BT_CONNECTION");
        return Process.Start(start) ?? throw new InvalidOperationException("could not start bt serve");
    }

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
