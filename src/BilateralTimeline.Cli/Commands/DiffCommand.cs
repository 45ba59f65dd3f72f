using System.CommandLine;
using System.Globalization;
using BilateralTimeline.Application.Features.Diff.DiffUnderstanding;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Cli.Rendering;
using Spectre.Console;

namespace BilateralTimeline.Cli.Commands;

internal static class DiffCommand
{
    public static Command Create()
    {
        var knownAt = new Option<string[]>("--known-at")
        {
            Description = "Give it twice: the earlier and the later recording time (YYYY-MM-DD = end of that day UTC, or an ISO 8601 timestamp)",
            Required = true,
            HelpName = "TIME",
        };
        var asOf = CliOptions.AsOf();
        var command = new Command("diff", """
            What changed in our understanding between two recording times: claims added, retracted,
            re-graded, re-linked, newly corroborated or contradicted, and how the state at --as-of moved.
            Example: bt diff --known-at 2024-06-01 --known-at 2024-07-15 --as-of 2024-01-31
            """);
        command.Options.Add(knownAt);
        command.Options.Add(asOf);
        var replay = new ReplayFilterOptions();
        replay.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var times = parse.GetValue(knownAt) ?? [];
            if (times.Length != 2)
            {
                throw new InputRejectedException("--known-at", $"give --known-at exactly twice (earlier, then later); got {times.Length}");
            }
            var diff = await host.Mediator.Send(new DiffUnderstanding(
                parse.GetValue(CliOptions.Dyad),
                CliOptions.ParseInstant(times[0], "--known-at")!.Value,
                CliOptions.ParseInstant(times[1], "--known-at")!.Value,
                CliOptions.ParseDate(parse.GetValue(asOf), "--as-of"),
                replay.Read(parse)), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(diff);
            }
            else
            {
                ReplayFilterOptions.Announce(replay.Read(parse));
                Render(diff);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Render(UnderstandingDiff diff)
    {
        Terminal.Out.Write(new Rule($"[bold]{Terminal.Escape(diff.Dyad)}: known at {diff.Before:yyyy-MM-dd HH:mm:ss}Z → {diff.After:yyyy-MM-dd HH:mm:ss}Z[/] ({diff.EventsBetween} events recorded between)").LeftJustified());
        Terminal.Out.MarkupLine($"state as of {diff.AsOf:yyyy-MM-dd}: {Score(diff.ScoreBefore)} {Terminal.Escape(diff.BandBefore)} → {Score(diff.ScoreAfter)} {Terminal.Escape(diff.BandAfter)}");
        var claims = new Table().Border(TableBorder.Simple).AddColumn("claim").AddColumn("change").AddColumn("summary");
        foreach (var c in diff.Claims)
        {
            claims.AddRow(Terminal.Escape(c.ClaimId), Terminal.Escape(c.Change), Terminal.Escape(c.Summary));
        }
        Terminal.Out.Write(claims);
        foreach (var s in diff.Statuses)
        {
            Terminal.Out.MarkupLine($"{Terminal.Escape(s.Subject)}: {Terminal.Escape(s.Before ?? "(none)")} → {Terminal.Escape(s.After ?? "(none)")}");
        }
        if (diff.Claims.Count == 0 && diff.Statuses.Count == 0)
        {
            Terminal.Out.MarkupLine("no change in understanding");
        }
    }

    private static string Score(double? score) => score is { } s ? s.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "n/a";
}
