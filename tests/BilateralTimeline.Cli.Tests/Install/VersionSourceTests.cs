using System.Text.RegularExpressions;
using System.Xml.Linq;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests.Install;

/// <summary>
/// The version lives in one place, Directory.Build.props: a second copy in a packaging or install file
/// goes stale at the next release (compose.yaml's image tag once did).
/// </summary>
public sealed class VersionSourceTests
{
    [Fact]
    public void The_version_is_stated_only_in_Directory_Build_props()
    {
        var clone = Clone.Root;
        var version = XDocument.Load(Path.Combine(clone, "Directory.Build.props")).Descendants("Version").Single().Value;
        var stated = new Regex($@"(?<![\d.]){Regex.Escape(version)}(?![\d.])");
        var files = new[] { "compose.yaml", "Dockerfile", "README.md", Path.Combine("docs", "install.md"), "Directory.Packages.props" }
            .Select(f => Path.Combine(clone, f))
            .Concat(Directory.GetFiles(Path.Combine(clone, "src"), "*.csproj", SearchOption.AllDirectories));

        var copies = files.Where(f => stated.IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(clone, f));

        Assert.Empty(copies);
    }
}
