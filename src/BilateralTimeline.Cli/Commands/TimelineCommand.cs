using System.CommandLine;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

internal static class TimelineCommand
{
    // The API's page: a heavy dyad's whole timeline (400k entries at 1M events) is minutes of terminal output and gigabytes.
    public const int DefaultLimit = 200;

    public static Command Create()
    {
        var asOf = CliOptions.AsOf();
        var knownAt = CliOptions.KnownAt();
        var command = new Command("timeline", """
            Occurrences in time order with their claims, grades and the event positions behind them.
            Uncertain dates are intervals; an occurrence whose interval straddles --as-of is shown as
            "possibly by then", never dropped. The answer is a page of --limit entries (default 200)
            and names the --cursor of the rest; --all prints every entry.
            Example: bt timeline --as-of 2024-01-31 --format json
                     bt timeline --as-of 2024-01-31 --cursor <the next of the previous answer>
            """);
        var from = new Option<string?>("--from") { Description = "Only entries whose days reach this date or later (YYYY-MM-DD); undated entries are left out", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Only entries whose days begin by this date (YYYY-MM-DD); undated entries are left out", HelpName = "DATE" };
        var limit = new Option<int?>("--limit") { Description = $"At most this many entries (default {DefaultLimit}); the answer then names the --cursor of the rest", HelpName = "N" };
        var all = new Option<bool>("--all") { Description = "Every entry (from --cursor, if given) in one answer, however many; not with --limit" };
        var cursor = new Option<string?>("--cursor") { Description = "Continue where an earlier answer with --limit stopped (its next cursor; same --as-of, --known-at, --from and --to)", HelpName = "CURSOR" };
        command.Options.Add(asOf);
        command.Options.Add(knownAt);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(limit);
        command.Options.Add(cursor);
        command.Options.Add(all);
        var replay = new ReplayFilterOptions();
        replay.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var pageSize = PageSize(parse.GetValue(limit), parse.GetValue(all));
            var view = await host.Mediator.Send(
                new GetTimeline(
                    parse.GetValue(CliOptions.Dyad), CliOptions.ParseDate(parse.GetValue(asOf), "--as-of"), CliOptions.ParseInstant(parse.GetValue(knownAt), "--known-at"),
                    CliOptions.ParseDate(parse.GetValue(from), "--from"), CliOptions.ParseDate(parse.GetValue(to), "--to"), pageSize, parse.GetValue(cursor), replay.Read(parse)),
                ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(view);
            }
            else
            {
                ReplayFilterOptions.Announce(replay.Read(parse));
                TimelineRenderer.Render(view);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int? PageSize(int? limit, bool all) => (limit, all) switch
    {
        (not null, true) => throw new InputRejectedException("--all", "--all prints every entry; drop --limit, or drop --all for a page"),
        (null, true) => null,
        (null, false) => DefaultLimit,
        _ => limit,
    };
}
