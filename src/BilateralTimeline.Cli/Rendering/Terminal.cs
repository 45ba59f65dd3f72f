using Spectre.Console;

namespace BilateralTimeline.Cli.Rendering;

/// <summary>
/// The console for tables. When output goes to a file or pipe there is no terminal width to ask,
/// so tables are laid out at $COLUMNS (or 160) instead of Spectre's narrow default.
/// </summary>
internal static class Terminal
{
    public static IAnsiConsole Out { get; } = Create();

    private static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 40 ? columns : 160;
        }
        return console;
    }

    public static string Escape(string? text) => Markup.Escape(text ?? "");
}
