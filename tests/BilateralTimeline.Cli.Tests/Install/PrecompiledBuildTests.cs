using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests.Install;

/// <summary>
/// Every bt command is a process of its own, so the Release build is precompiled for the machine that builds it
/// (the runtime then compiles only what turns out to be hot); a Debug build stays plain IL for the debugger.
/// </summary>
public sealed class PrecompiledBuildTests
{
    [Fact]
    public void The_release_build_of_bt_is_precompiled_and_the_debug_build_is_not()
    {
        var output = Path.Combine(Clone.Root, "src", "BilateralTimeline.Cli", "bin", Clone.Configuration, "net10.0");
        var assemblies = Clone.OwnAssemblies(output);

        Assert.Contains(Path.Combine(output, "BilateralTimeline.Application.dll"), assemblies);
        Assert.Contains(Path.Combine(output, "FluentValidation.dll"), Directory.GetFiles(output, "*.dll"));
        Assert.All(
            [.. assemblies, Path.Combine(output, "FluentValidation.dll")],
            a => Assert.True(Clone.IsPrecompiled(a) == (Clone.Configuration == "Release"), $"{a}: precompiled {Clone.IsPrecompiled(a)} in {Clone.Configuration}"));
    }
}
