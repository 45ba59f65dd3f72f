using Spectre.Console;

namespace BilateralTimeline.Cli.Rendering;

/// <summary>Progress goes to stderr so that stdout stays clean for tables and JSON.</summary>
internal static class ProgressConsole
{
    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Drawn only on a terminal: in a pipe or log file a bar is noise, and the summary lines follow anyway.</summary>
    public static bool Visible => !Console.IsErrorRedirected;

    public static Progress Bar() => Error.Progress()
        .AutoClear(false)
        .HideCompleted(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn());
}
