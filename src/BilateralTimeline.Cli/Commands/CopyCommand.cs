using System.CommandLine;
using System.Diagnostics;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

internal static class CopyCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The store to read, as KIND:TARGET, e.g. sqlite:demo.db", Required = true, HelpName = "STORE" };
        var to = new Option<string>("--to") { Description = "The empty store to write, e.g. \"postgres:Host=127.0.0.1;Username=bt;Database=timeline\"", Required = true, HelpName = "STORE" };
        var command = new Command("copy", """
            Move a whole history from one store to another, keeping every event id, stream revision, global
            position, recorded time and hash, so `bt verify` gives the same head on both and consumers'
            checkpoints stay valid. The source's chain is checked on the way; the target must be empty and
            is written in one transaction (all or nothing).
            Example: bt copy --from sqlite:demo.db --to "postgres:Host=127.0.0.1;Username=bt;Password=…;Database=timeline"
            """);
        command.Options.Add(from);
        command.Options.Add(to);
        command.SetAction((parse, ct) => CommandRunner.Guarded(async () =>
        {
            var source = StoreSelection.ParseSpec(parse.GetValue(from)!, "--from");
            var target = StoreSelection.ParseSpec(parse.GetValue(to)!, "--to");
            await using var sourceHost = await CliHost.OpenAsync(source, ct);
            await using var targetHost = await CliHost.OpenAsync(target, ct);
            if (targetHost.Store is not IHistoryImport import)
            {
                CommandRunner.Error($"{target.Describe()} cannot take a history verbatim");
                return ExitCodes.Failure;
            }
            var total = await sourceHost.Store.ReadAllAsync(long.MaxValue, ReadDirection.Backwards, 1, ct).Select(e => e.GlobalPosition).FirstOrDefaultAsync(ct);
            var progress = new Progress<long>(n =>
            {
                if (!Console.IsErrorRedirected && n > 0)
                {
                    Console.Error.Write($"\rcopied {n:N0} events (up to position {total:N0})…");
                }
            });
            var watch = Stopwatch.StartNew();
            var copied = await import.ImportHistoryAsync(sourceHost.Store.ReadAllAsync(cancellationToken: ct), progress, ct);
            var seconds = watch.Elapsed.TotalSeconds;
            var verification = await ChainVerifier.VerifyAsync(targetHost.Store, sourceHost.Capabilities.GapFreePositions, cancellationToken: ct);
            if (!Console.IsErrorRedirected)
            {
                Console.Error.Write("\r" + new string(' ', 60) + "\r");
            }
            var rate = seconds > 0 ? copied / seconds : 0;
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(new { from = source.Describe(), to = target.Describe(), copied, seconds, eventsPerSecond = rate, verify = verification });
            }
            else
            {
                Console.Out.WriteLine($"copy: {copied:N0} events from {source.Describe()} to {target.Describe()} in {seconds:0.00} s ({rate:N0} events/s)");
                Console.Out.WriteLine($"target {VerifyCommand.Line(verification)}");
            }
            return verification.IsIntact ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }
}
