using System.CommandLine;
using System.Globalization;
using BilateralTimeline.Application.Features.Sensitivity.RankSensitivity;
using BilateralTimeline.Cli.Rendering;
using Spectre.Console;

namespace BilateralTimeline.Cli.Commands;

internal static class SensitivityCommand
{
    public static Command Create()
    {
        var asOf = CliOptions.AsOf();
        var knownAt = CliOptions.KnownAt();
        var command = new Command("sensitivity", """
            How much the state at --as-of depends on each source and each origin (an outlet, agency,
            speaker or organisation the claims rest on): the score and band of the ledger replayed
            without each one's claims, beside the baseline, the largest moves first (a band change
            first, then the size of the score's move). Replay any row with --without-source or
            --without-origin on state, timeline or diff.
            Example: bt sensitivity --as-of 2024-02-01
            """);
        command.Options.Add(asOf);
        command.Options.Add(knownAt);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var report = await host.Mediator.Send(new RankSensitivity(parse.GetValue(CliOptions.Dyad), CliOptions.ParseDate(parse.GetValue(asOf), "--as-of"), CliOptions.ParseInstant(parse.GetValue(knownAt), "--known-at")), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(report);
            }
            else
            {
                Render(report);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Render(SensitivityReport report)
    {
        var known = report.KnownAt is { } t ? $", as known at {t:yyyy-MM-dd HH:mm}Z" : "";
        Terminal.Out.Write(new Rule($"[bold]Sensitivity of {report.Dyad} as of {report.AsOf:yyyy-MM-dd}{known}[/]").LeftJustified());
        Terminal.Out.MarkupLine($"baseline: score [bold]{Score(report.BaselineScore)}[/] [bold]{Terminal.Escape(report.BaselineBand)}[/] ({report.BaselineClaims} claims considered)");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("rank").RightAligned()).AddColumn("without").AddColumn(new TableColumn("claims left out").RightAligned())
            .AddColumn(new TableColumn("score").RightAligned()).AddColumn(new TableColumn("move").RightAligned()).AddColumn("band");
        foreach (var row in report.Rows)
        {
            table.AddRow(
                row.Rank.ToString(CultureInfo.InvariantCulture),
                Terminal.Escape(row.Without == "source" ? $"source {row.Name}" : $"{row.OriginKind} {row.Name}"),
                row.ClaimsLeftOut.ToString(CultureInfo.InvariantCulture),
                Score(row.Score),
                row.Shift is { } shift ? shift.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : row.Score is null && report.BaselineScore is null ? "0.00" : "n/a",
                row.BandChanged ? $"[bold]{Terminal.Escape(row.Band)}[/] (was {Terminal.Escape(report.BaselineBand)})" : Terminal.Escape(row.Band));
        }
        Terminal.Out.Write(table);
        if (report.Rows.Count == 0)
        {
            Terminal.Out.MarkupLine("no sources or origins to leave out");
        }
    }

    private static string Score(double? score) => score is { } s ? s.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "n/a";
}
