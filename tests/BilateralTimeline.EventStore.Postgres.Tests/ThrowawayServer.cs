using System.Diagnostics;

namespace BilateralTimeline.EventStore.Postgres.Tests;

/// <summary>
/// A PostgreSQL server of one test's own, started with infra/postgres.sh, for faults that would disturb
/// every other test sharing the main server (a restart drops all connections).
/// </summary>
internal sealed class ThrowawayServer : IAsyncDisposable
{
    private readonly string _folder;

    private ThrowawayServer(string folder, string connectionString)
    {
        _folder = folder;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ThrowawayServer> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"bt-pg-test-{Guid.NewGuid():N}");
        var connectionString = (await ScriptAsync("start", folder)).Trim();
        return new ThrowawayServer(folder, connectionString);
    }

    public Task RestartAsync() => ScriptAsync("restart", _folder);

    public async ValueTask DisposeAsync() => await ScriptAsync("stop", _folder);

    private static async Task<string> ScriptAsync(string verb, string folder)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "infra", "postgres.sh"));
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"infra/postgres.sh {verb} failed: {await error}");
        return await output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BilateralTimeline.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("the repository root (BilateralTimeline.sln) is not above the test binaries");
    }
}
