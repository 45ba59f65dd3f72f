namespace BilateralTimeline.Cli.Tests.Support;

public static class Samples
{
    /// <summary>The repository's curated samples, found by walking up from the test binaries to the solution.</summary>
    public static string Folder() => Path.Combine(Clone.Root, "samples", "iran-azerbaijan");
}
