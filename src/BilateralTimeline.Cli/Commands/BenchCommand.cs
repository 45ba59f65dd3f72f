using System.CommandLine;

namespace BilateralTimeline.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Benchmark the embedded store (see bt bench --help once implemented)");
        command.SetAction(_ => ExitCodes.Failure);
        return command;
    }
}
