using System.Text.RegularExpressions;

namespace BilateralTimeline.Application.Tests.Architecture;

/// <summary>
/// Each adapter opens itself (IStoreAdapter) and the CLI maps a kind word to one in a single file, so no
/// other source file in src/ names a type an adapter project declares: a composition root that reaches
/// for a store's internals (its path, its location, its maintenance calls) breaks this test. Read from
/// the source text, so that a name in a comment counts too; the adapter projects name their own types freely.
/// </summary>
public sealed partial class AdapterTypeNamesTests
{
    private static readonly string[] AdapterProjects =
    [
        "BilateralTimeline.EventStore.Sqlite",
        "BilateralTimeline.EventStore.Postgres",
        "BilateralTimeline.EventStore.EventStoreDb",
    ];

    /// <summary>The one file that maps a kind word to an adapter.</summary>
    private static readonly string KindMapping = Path.Combine("BilateralTimeline.Cli", "StoreAdapters.cs");

    [Fact]
    public void No_file_outside_the_adapters_and_the_kind_mapping_names_an_adapter_type()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var adapterTypes = AdapterProjects.SelectMany(p => SourceFiles(Path.Combine(src, p))).SelectMany(DeclaredTypes).ToHashSet(StringComparer.Ordinal);

        var offenders = Offenders(src, adapterTypes);

        Assert.True(offenders.Count == 0, "adapter types named outside the adapters and " + KindMapping + ":\n" + string.Join("\n", offenders));
    }

    /// <summary>The check can fail: the adapters' own types are found, and the mapping file is seen naming them.</summary>
    [Fact]
    public void The_check_finds_the_adapters_types_and_sees_the_mapping_file_name_them()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var adapterTypes = AdapterProjects.SelectMany(p => SourceFiles(Path.Combine(src, p))).SelectMany(DeclaredTypes).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("SqliteEventStore", adapterTypes);
        Assert.Contains("PostgresLocation", adapterTypes);
        Assert.Contains("EsdbClient", adapterTypes);
        Assert.NotEmpty(Names(File.ReadAllText(Path.Combine(src, KindMapping)), adapterTypes));
    }

    private static List<string> Offenders(string src, HashSet<string> adapterTypes) =>
        SourceFiles(src)
            .Where(file => !AdapterProjects.Any(p => file.StartsWith(Path.Combine(src, p) + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .Where(file => Path.GetRelativePath(src, file) != KindMapping)
            .SelectMany(file => Names(File.ReadAllText(file), adapterTypes).Select(name => $"{Path.GetRelativePath(src, file)}: {name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<string> Names(string text, HashSet<string> types) =>
        Identifier().Matches(text).Select(m => m.Value).Where(types.Contains).Distinct();

    private static IEnumerable<string> DeclaredTypes(string file) =>
        TypeDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value);

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BilateralTimeline.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("BilateralTimeline.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Top-level declarations: with file-scoped namespaces they start the line, so nested helpers (a private Row) do not count.</summary>
    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:sealed|static|abstract|partial|readonly)\s+)*(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?(?<name>[A-Z][A-Za-z0-9_]*)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9_]*\b")]
    private static partial Regex Identifier();
}
