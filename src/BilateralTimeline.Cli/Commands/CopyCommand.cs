using System.CommandLine;
using System.Diagnostics;
using BilateralTimeline.Application.Copying;
using BilateralTimeline.Application.Integrity;
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
            Move a whole history from one store to another. Between sqlite and postgres the copy is verbatim:
            every event id, stream revision, global position, recorded time and hash is kept, so `bt verify`
            gives the same digest on both and consumers' checkpoints stay valid; the source's chain is
            checked on the way and the target is written in one transaction (all or nothing). To or from
            eventstoredb, which chains hashes per stream and numbers positions itself, the source is verified
            first and each stream is appended again (same ids, revisions, data and metadata; the target's own
            positions, times and hashes). The target must be empty.
            Examples: bt copy --from sqlite:demo.db --to "postgres:Host=127.0.0.1;Username=bt;Password=…;Database=timeline"
                      bt copy --from sqlite:demo.db --to eventstoredb:esdb://127.0.0.1:2113?tls=false
            """);
        command.Options.Add(from);
        command.Options.Add(to);
        command.SetAction((parse, ct) => CommandRunner.Guarded(async () =>
        {
            var source = StoreSelection.ParseSpec(parse.GetValue(from)!, "--from");
            var target = StoreSelection.ParseSpec(parse.GetValue(to)!, "--to");
            await using var sourceHost = await CliHost.OpenAsync(source, ct);
            await using var targetHost = await CliHost.OpenAsync(target, ct);
            var total = await sourceHost.Store.ReadAllAsync(long.MaxValue, ReadDirection.Backwards, 1, ct).Select(e => e.GlobalPosition).FirstOrDefaultAsync(ct);
            var progress = new Progress<long>(n =>
            {
                if (!Console.IsErrorRedirected && n > 0)
                {
                    Console.Error.Write($"\rcopied {n:N0} events (up to position {total:N0})…");
                }
            });
            var verbatim = targetHost.Store is IHistoryImport && sourceHost.Capabilities.Chain == HashChainScope.Log && targetHost.Capabilities.Chain == HashChainScope.Log;
            var watch = Stopwatch.StartNew();
            long copied;
            if (verbatim)
            {
                copied = await ((IHistoryImport)targetHost.Store).ImportHistoryAsync(sourceHost.Store.ReadAllAsync(cancellationToken: ct), progress, ct);
            }
            else
            {
                // Without a log-wide chain to check on the way, the source is verified as a whole first.
                var sourceCheck = await ChainVerifier.VerifyAsync(sourceHost.Store, sourceHost.Capabilities, cancellationToken: ct);
                if (!sourceCheck.IsIntact)
                {
                    CommandRunner.Error($"the source does not verify, so it is not copied: {VerifyCommand.Line(sourceCheck)}");
                    return ExitCodes.Failure;
                }
                copied = await HistoryReplay.CopyAsync(sourceHost.Store, targetHost.Store, progress, ct);
            }
            var seconds = watch.Elapsed.TotalSeconds;
            var verification = await ChainVerifier.VerifyAsync(targetHost.Store, targetHost.Capabilities, cancellationToken: ct);
            if (!Console.IsErrorRedirected)
            {
                Console.Error.Write("\r" + new string(' ', 60) + "\r");
            }
            var rate = seconds > 0 ? copied / seconds : 0;
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(new { from = source.Describe(), to = target.Describe(), mode = verbatim ? "verbatim" : "re-appended", copied, seconds, eventsPerSecond = rate, verify = verification });
            }
            else
            {
                Console.Out.WriteLine($"copy: {copied:N0} events from {source.Describe()} to {target.Describe()} in {seconds:0.00} s ({rate:N0} events/s), {(verbatim ? "verbatim" : "re-appended per stream (positions, times and hashes are the target's)")}");
                Console.Out.WriteLine($"target {VerifyCommand.Line(verification)}");
            }
            return verification.IsIntact ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }
}
