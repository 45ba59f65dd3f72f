using System.CommandLine;
using System.Globalization;
using BilateralTimeline.Application;
using BilateralTimeline.Application.Features.Kinds.ListKinds;
using BilateralTimeline.Cli.Rendering;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace BilateralTimeline.Cli.Commands;

internal static class KindsCommand
{
    public static Command Create()
    {
        var command = new Command("kinds", """
            The claim kinds: the CAMEO code each counts as, that code's Goldstein weight (−10 … +10) and its
            PLOVER category. A claim may name a finer CAMEO code ("cameo": "1823") under its kind's root; its
            weight is then that code's.
            """);
        command.SetAction((parse, ct) => CommandRunner.Guarded(async () =>
        {
            // The catalogue is part of the build: no store is opened.
            await using var provider = new ServiceCollection().AddBilateralTimeline().BuildServiceProvider();
            var view = await provider.GetRequiredService<IMediator>().Send(new ListKinds(), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(view);
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumn("kind").AddColumn("CAMEO").AddColumn(new TableColumn("goldstein").RightAligned()).AddColumn("PLOVER").AddColumn("meaning");
            foreach (var k in view.Kinds)
            {
                table.AddRow(
                    Terminal.Escape(k.Kind), Terminal.Escape(k.Cameo),
                    k.Cameo == "context" ? "—" : k.Goldstein.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture),
                    Terminal.Escape(k.Plover), Terminal.Escape(k.Meaning));
            }
            Terminal.Out.Write(table);
            Terminal.Out.MarkupLine(Terminal.Escape(view.Scale));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
