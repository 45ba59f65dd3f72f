using System.Reflection.PortableExecutable;

namespace BilateralTimeline.Cli.Tests.Support;

/// <summary>The clone these tests were built from (found by walking up from the test binaries to the solution), and what its build put where.</summary>
internal static class Clone
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "BilateralTimeline.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException($"no BilateralTimeline.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>bt and the project's own libraries in <paramref name="folder"/> (third-party ones vary by package).</summary>
    public static IReadOnlyList<string> OwnAssemblies(string folder) =>
        [Path.Combine(folder, "bt.dll"), .. Directory.GetFiles(folder, "BilateralTimeline.*.dll")];

    /// <summary>Whether the assembly carries native code compiled ahead of time (a ReadyToRun image) beside its IL.</summary>
    public static bool IsPrecompiled(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
