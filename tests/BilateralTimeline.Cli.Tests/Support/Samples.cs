namespace BilateralTimeline.Cli.Tests.Support;

public static class Samples
{
    /// <summary>The repository's curated samples, found by walking up from the test binaries to the solution.</summary>
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BilateralTimeline.sln")))
            {
                return Path.Combine(dir.FullName, "samples", "iran-azerbaijan");
            }
        }
        throw new InvalidOperationException($"BilateralTimeline.sln not found above {AppContext.BaseDirectory}");
    }
}
