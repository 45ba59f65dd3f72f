using System.Text.RegularExpressions;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Application.Tests.Serialization;

/// <summary>README's table of event types is what a store's reader learns the log from, so it must name every registered type and no other.</summary>
public sealed partial class EventTypesReadmeTests
{
    [Fact]
    public void Readme_lists_exactly_the_registered_event_types()
    {
        var listed = ReadmeEventTypes(File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")));

        Assert.Equal(EventTypes.WireNames.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_table_missing_a_type_is_told_apart()
    {
        var readme = "# README\n\n### Event types\n\n| wire name | what | version |\n|---|---|---|\n| `claim-recorded/v1` | a claim | 1 |\n\n### Next\n| `claim-retracted/v1` | not in the table | 1 |\n";

        Assert.Equal(["claim-recorded/v1"], ReadmeEventTypes(readme));
    }

    /// <summary>The wire names in the first column of the table under "### Event types", up to the next heading.</summary>
    private static List<string> ReadmeEventTypes(string readme)
    {
        var start = readme.IndexOf("\n### Event types", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no \"### Event types\" section");
        var end = readme.IndexOf("\n#", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        return [.. Row().Matches(section).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"^\| `([a-z-]+/v\d+)` \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    private static string RepositoryRoot()
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
