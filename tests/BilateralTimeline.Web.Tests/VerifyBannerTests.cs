using System.Text;
using BilateralTimeline.Web.Tests.Support;

namespace BilateralTimeline.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class VerifyBannerTests(WebFixture web)
{
    // Occurs only in one claim's English summary (c002-14), so flipping it breaks exactly that event's hash.
    private const string Phrase = "worsening the already cold relations";

    [Fact]
    public async Task A_store_changed_on_disk_raises_a_banner_naming_the_first_broken_position()
    {
        await using var server = await BtServer.StartAsync(Tamper);
        var verify = await server.GetJsonAsync("/api/verify");
        var broken = verify["firstBrokenPosition"]!.GetValue<long>();
        var analyst = new AnalystPage(await web.NewPageAsync(), server.Address);

        await analyst.OpenAsync();
        var banner = analyst.Page.Locator("#verify-banner");
        await banner.WaitForAsync();

        Assert.Equal("alert", await banner.GetAttributeAsync("role"));
        Assert.Contains($"position {broken}", await banner.InnerTextAsync());
        await analyst.Page.CloseAsync();
    }

    /// <summary>Changes the phrase's bytes in the file, as someone with file access would (the store's triggers forbid UPDATE).</summary>
    private static void Tamper(string db)
    {
        Assert.False(File.Exists(db + "-wal") && new FileInfo(db + "-wal").Length > 0, "the sample store left events in its WAL; the bytes to change would not be in the main file");
        var bytes = File.ReadAllBytes(db);
        var needle = Encoding.UTF8.GetBytes(Phrase);
        var changed = 0;
        for (var at = bytes.AsSpan().IndexOf(needle); at >= 0;)
        {
            bytes[at] = (byte)'v';
            changed++;
            var next = bytes.AsSpan(at + 1).IndexOf(needle);
            at = next < 0 ? -1 : at + 1 + next;
        }
        Assert.True(changed > 0, $"'{Phrase}' not found in the sample store file");
        File.WriteAllBytes(db, bytes);
    }
}
