using Microsoft.Playwright;

namespace BilateralTimeline.Web.Tests.Support;

/// <summary>
/// Debian's chromium, driven by Playwright. Playwright never downloads a browser here: the tests
/// use the system one and fail (never skip) when it is missing, naming the package to install.
/// </summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>BT_CHROMIUM overrides the path, e.g. for another distribution's package name.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("BT_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    private static readonly string[] Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    public static async Task<IBrowserContext> LaunchAsync(IPlaywright playwright, string userDataDir)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"chromium was not found at {ExecutablePath}. The web tests drive Debian's chromium and never download one: "
                + "install it with `apt-get update && apt-get install -y chromium` (infra/test.sh does this when it is missing), "
                + "or point BT_CHROMIUM at a chromium executable.");
        }
        var context = await playwright.Chromium.LaunchPersistentContextAsync(userDataDir, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
            ViewportSize = Viewports.Desktop,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        // Generous: CI builds and runs other test projects on the same two cores at the same time.
        context.SetDefaultTimeout(60_000);
        return context;
    }
}

public static class Viewports
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
}
