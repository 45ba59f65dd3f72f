using System.CommandLine;
using BilateralTimeline.Application.Features.Stores.CopyHistory;
using BilateralTimeline.Cli.Rendering;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

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
            await using var services = CliHost.WithoutStore();
            var progress = new InlineProgress<CopyProgress>(p =>
            {
                if (!Console.IsErrorRedirected && p.Copied > 0)
                {
                    Console.Error.Write($"\rcopied {p.Copied:N0} events (up to position {p.UpToPosition:N0})…");
                }
            });
            var request = new CopyHistory(new StoreLocator(source.KindName, source.Address), new StoreLocator(target.KindName, target.Address)) { Progress = progress };
            var copy = await services.GetRequiredService<IMediator>().Send(request, ct);
            if (!Console.IsErrorRedirected)
            {
                Console.Error.Write("\r" + new string(' ', 60) + "\r");
            }
            if (copy.TargetCheck is null)
            {
                CommandRunner.Error($"the source does not verify, so it is not copied: {VerifyCommand.Line(copy.SourceCheck!)}");
                return ExitCodes.Failure;
            }
            var seconds = copy.Elapsed.TotalSeconds;
            var rate = seconds > 0 ? copy.Copied / seconds : 0;
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(new { from = copy.From, to = copy.To, mode = copy.Verbatim ? "verbatim" : "re-appended", copied = copy.Copied, seconds, eventsPerSecond = rate, verify = copy.TargetCheck });
            }
            else
            {
                Console.Out.WriteLine($"copy: {copy.Copied:N0} events from {copy.From} to {copy.To} in {seconds:0.00} s ({rate:N0} events/s), {(copy.Verbatim ? "verbatim" : "re-appended per stream (positions, times and hashes are the target's)")}");
                Console.Out.WriteLine($"target {VerifyCommand.Line(copy.TargetCheck)}");
            }
            return copy.IsIntact ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }

    /// <summary>Reports on the copying thread, so the last figure is printed before the summary is.</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
