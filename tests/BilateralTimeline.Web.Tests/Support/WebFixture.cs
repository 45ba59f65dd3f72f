using Microsoft.Playwright;

namespace BilateralTimeline.Web.Tests.Support;

/// <summary>
/// One chromium (fresh profile) and one <c>bt serve</c> over the sample store, shared by the tests of
/// the "web" collection. Tests that write start a server of their own.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowserContext? browser;
    private BtServer? server;
    private string? profile;

    public IBrowserContext Browser => browser ?? throw new InvalidOperationException("the browser is not started");

    public BtServer Server => server ?? throw new InvalidOperationException("bt serve is not started");

    /// <summary>Screenshots go to the test output folder (bin/.../screenshots).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        profile = Sandbox.NewFolder("chromium-profile");
        playwright = await Playwright.CreateAsync();
        // Start both at once: the server's first start (import, JIT) and chromium's are the slow parts.
        var serverStart = BtServer.StartAsync();
        try
        {
            browser = await Chromium.LaunchAsync(playwright, profile);
        }
        catch
        {
            // Chromium missing or broken: stop the server that was starting rather than leave it running.
            await (await serverStart).DisposeAsync();
            throw;
        }
        server = await serverStart;
    }

    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var page = await Browser.NewPageAsync();
        await page.SetViewportSizeAsync((viewport ?? Viewports.Desktop).Width, (viewport ?? Viewports.Desktop).Height);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        playwright?.Dispose();
        if (profile is not null)
        {
            Sandbox.TryDelete(profile);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
