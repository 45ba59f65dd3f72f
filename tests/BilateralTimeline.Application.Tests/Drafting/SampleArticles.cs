using System.Text.Json;
using BilateralTimeline.Application.Input;

namespace BilateralTimeline.Application.Tests.Drafting;

/// <summary>The repository's two sample articles and their analysts' import files, as the drafter and the evaluation read them.</summary>
internal static class SampleArticles
{
    public const string Visit = "000";
    public const string Exercise = "002";

    private static readonly JsonSerializerOptions Read = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

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

    public static string Text(string number) =>
        File.ReadAllText(Directory.GetFiles(Folder(), $"{number}_*.txt").Single());

    public static string AnalystPath(string number) => Directory.GetFiles(Folder(), $"{number}-*.claims.json").Single();

    public static ImportDocument Analyst(string number) =>
        JsonSerializer.Deserialize<ImportDocument>(File.ReadAllText(AnalystPath(number)), Read)!;
}
