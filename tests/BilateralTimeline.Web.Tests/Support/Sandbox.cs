namespace BilateralTimeline.Web.Tests.Support;

/// <summary>Folders under the temp directory for stores, browser profiles and server working directories.</summary>
public static class Sandbox
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "bt-web-tests", $"{Environment.ProcessId}");

    static Sandbox() => AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(Root);

    public static string NewFolder(string purpose)
    {
        var folder = Path.Combine(Root, $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process killed a moment ago may still hold a file; the OS cleans temp.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: best effort only.
        }
    }
}
