using System.Text.RegularExpressions;

namespace BilateralTimeline.Application.Tests.Architecture;

/// <summary>
/// docs/architecture.md says what each project in src/ may reference; the project files say what it does.
/// They must agree, so a new reference is written down (and argued) before it is made, and the page never
/// describes a layering the build no longer has.
/// </summary>
public sealed partial class ProjectReferencesTests
{
    [Fact]
    public void Every_project_in_src_references_exactly_what_docs_architecture_allows()
    {
        var root = RepositoryRoot();
        var allowed = AllowedReferences(File.ReadAllText(Path.Combine(root, "docs", "architecture.md")));
        var actual = ActualReferences(Path.Combine(root, "src"));

        Assert.Equal(Describe(allowed), Describe(actual));
    }

    [Fact]
    public void The_check_reads_the_table_and_the_project_files()
    {
        var root = RepositoryRoot();
        var allowed = AllowedReferences(File.ReadAllText(Path.Combine(root, "docs", "architecture.md")));
        var actual = ActualReferences(Path.Combine(root, "src"));

        Assert.Empty(allowed["Domain"]);
        Assert.Equal(["Domain"], allowed["Application"]);
        Assert.Contains("Api", actual["Cli"]);
        Assert.True(actual.Count >= 8, "expected at least 8 projects in src/, found " + actual.Count);
    }

    private static SortedDictionary<string, SortedSet<string>> AllowedReferences(string page)
    {
        var header = page.IndexOf("| project | may reference |", StringComparison.Ordinal);
        var table = page[page.IndexOf("|---|---|", header, StringComparison.Ordinal)..];
        var result = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (Match row in TableRow().Matches(table))
        {
            var cell = row.Groups["refs"].Value.Trim();
            result[row.Groups["project"].Value.Trim()] = new SortedSet<string>(
                cell.StartsWith('(') ? [] : cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                StringComparer.Ordinal);
        }
        return result;
    }

    private static SortedDictionary<string, SortedSet<string>> ActualReferences(string src)
    {
        var result = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var project in Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories).Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var references = Reference().Matches(File.ReadAllText(project)).Select(m => ShortName(m.Groups["name"].Value));
            result[ShortName(Path.GetFileNameWithoutExtension(project))] = new SortedSet<string>(references, StringComparer.Ordinal);
        }
        return result;
    }

    private static string ShortName(string projectName) => projectName.Replace("BilateralTimeline.", "", StringComparison.Ordinal);

    private static string Describe(SortedDictionary<string, SortedSet<string>> references) =>
        string.Join("\n", references.Select(p => $"{p.Key} -> {string.Join(", ", p.Value)}"));

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BilateralTimeline.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("BilateralTimeline.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\| (?<project>[A-Za-z.]+) \| (?<refs>[^|]*) \|\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"ProjectReference\s+Include=""[^""]*[\\/](?<name>[^\\/""]+)\.csproj""")]
    private static partial Regex Reference();
}
