using System.Xml.Linq;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests.Install;

/// <summary>
/// The way a user who never cloned the repository gets bt: the CLI packed as a .NET tool, installed into a
/// tool path, run from a folder that is not the clone. Slow (a pack and an install), so it is one test.
/// </summary>
public sealed class PackedToolTests : IDisposable
{
    private const string PackageId = "BilateralTimeline.Tool";
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "bt-packed-tool-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Packed_tool_installed_into_a_tool_path_prints_its_version_and_runs_the_demo_outside_the_clone()
    {
        var clone = Clone.Root;
        var version = VersionOf(clone);
        var packages = Created("packages");
        var tools = Created("tools");
        var work = Created("work");
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = Created("home"),
            ["XDG_DATA_HOME"] = Path.Combine(folder, "home", ".local", "share"),
            // The install must extract this package fresh, not a same-version copy cached by an earlier run.
            ["NUGET_PACKAGES"] = Created("nuget-packages"),
            // The tool's shim finds the runtime here, whichever SDK runs the tests.
            ["DOTNET_ROOT"] = DotnetRoot(),
        };
        var config = WriteNugetConfig(packages);

        // --no-build: the test project's reference already built bt in this configuration; building it again
        // here would race the other test projects that run bt.dll from their outputs.
        var pack = await Dotnet(clone, environment, "pack", Path.Combine(clone, "src", "BilateralTimeline.Cli", "BilateralTimeline.Cli.csproj"), "-c", Clone.Configuration, "--no-build", "-o", packages);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var install = await Dotnet(work, environment, "tool", "install", "--tool-path", tools, "--configfile", config, "--add-source", packages, PackageId, "--version", version);
        Assert.True(install.ExitCode == 0, install.ToString());
        var bt = Path.Combine(tools, OperatingSystem.IsWindows() ? "bt.exe" : "bt");

        var printed = await ChildProcess.RunAsync(bt, work, ["--version"], environment, Slow);
        var demo = await ChildProcess.RunAsync(bt, work, ["demo"], environment, Slow);

        Assert.True(printed.ExitCode == 0, printed.ToString());
        Assert.Equal(version, printed.Stdout.Trim());
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("Relationship AZE-IRN as of 2023-02-01", demo.Stdout);
        Assert.Matches(@"verify: OK — \d+ events, hash chain intact", demo.Stdout);
        // bt serve looks for its page beside bt.dll; the package must have brought it.
        Assert.Contains(Directory.GetFiles(tools, "index.html", SearchOption.AllDirectories), f => Path.GetFileName(Path.GetDirectoryName(f)) == "wwwroot");
        // The package runs on any runtime identifier: none of its assemblies is precompiled for the machine that packed it.
        var installed = Directory.GetFiles(tools, "bt.dll", SearchOption.AllDirectories).Single();
        Assert.All(Clone.OwnAssemblies(Path.GetDirectoryName(installed)!), a => Assert.False(Clone.IsPrecompiled(a), a));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A child killed on timeout may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private string Created(string name)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Only the local folder as a source, so the install never asks a remote feed for this id.</summary>
    private string WriteNugetConfig(string packages)
    {
        var path = Path.Combine(folder, "nuget.config");
        new XDocument(new XElement("configuration",
            new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "local"), new XAttribute("value", packages))))).Save(path);
        return path;
    }

    private static Task<BtResult> Dotnet(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ChildProcess.RunAsync(DotnetHost, workingDirectory, args, environment, Slow);

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static string DotnetRoot()
    {
        var host = DotnetHost;
        if (!Path.IsPathRooted(host))
        {
            host = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(dir => Path.Combine(dir, host))
                .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("dotnet is not on PATH");
        }
        var resolved = new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host;
        return Path.GetDirectoryName(resolved)!;
    }

    /// <summary>The version as its one source, Directory.Build.props, states it.</summary>
    private static string VersionOf(string clone) =>
        XDocument.Load(Path.Combine(clone, "Directory.Build.props")).Descendants("Version").Single().Value;
}
