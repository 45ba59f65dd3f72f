using System.CommandLine;
using BilateralTimeline.Application;
using BilateralTimeline.Application.Features.Dates.ResolveDate;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Cli.Rendering;
using BilateralTimeline.Domain.Time;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace BilateralTimeline.Cli.Commands;

internal static class DatesCommand
{
    public static Command Create()
    {
        var phrase = new Argument<string>("PHRASE") { Description = "The source's words, e.g. \"الأسبوع الماضي\" or \"Monday 22 January\"" };
        var published = new Option<string?>("--published") { Description = "When the source was published: a day, or FROM..TO for an uncertain window (YYYY-MM-DD)", HelpName = "DATE[..DATE]" };
        var relativeTo = new Option<string?>("--relative-to") { Description = "The time of another claim the phrase counts from (\"after 18 months\"): DATE or FROM..TO", HelpName = "DATE[..DATE]" };
        var language = new Option<string>("--language") { Description = "Language of the phrase (ar, en)", DefaultValueFactory = _ => "ar", HelpName = "TAG" };
        var command = new Command("dates", """
            Try the date resolver on a phrase: the candidate intervals it reads (with precision, method,
            anchor and reason) and the findings it raises, such as a weekday that does not match.
            Example: bt dates "يوم الإثنين 22 كانون الثاني \ يناير" --published 2024-01-24..2024-02-29
            """);
        command.Arguments.Add(phrase);
        command.Options.Add(published);
        command.Options.Add(relativeTo);
        command.Options.Add(language);
        command.SetAction((parse, ct) => CommandRunner.Guarded(async () =>
        {
            // No store is needed to read a phrase: only the mediator and its validation.
            await using var provider = new ServiceCollection().AddBilateralTimeline().BuildServiceProvider();
            var mediator = provider.GetRequiredService<IMediator>();
            var result = await mediator.Send(new ResolveDate(parse.GetValue(phrase)!, parse.GetValue(language)!, Window(parse.GetValue(published), "--published") ?? UncertainTime.Unknown, Window(parse.GetValue(relativeTo), "--relative-to")), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(result);
            }
            else
            {
                var table = new Table().Border(TableBorder.Simple).AddColumn("from").AddColumn("to").AddColumn("precision").AddColumn("method").AddColumn("anchor").AddColumn("reason");
                foreach (var c in result.Candidates)
                {
                    table.AddRow($"{c.From:yyyy-MM-dd}", $"{c.To:yyyy-MM-dd}", Kebab.Format(c.Precision), Kebab.Format(c.Method), Terminal.Escape(c.Anchor), Terminal.Escape(c.Reason));
                }
                Terminal.Out.Write(table);
                foreach (var finding in result.Findings)
                {
                    Terminal.Out.MarkupLine($"[yellow]finding:[/] {Terminal.Escape(finding)}");
                }
            }
            return result.IsUnknown ? ExitCodes.Failure : ExitCodes.Ok;
        }));
        return command;
    }

    private static UncertainTime? Window(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length > 2)
        {
            throw new InputRejectedException(option, $"'{text}' is not DATE or FROM..TO");
        }
        var from = CliOptions.ParseDate(parts[0], option)!.Value;
        var to = parts.Length == 2 ? CliOptions.ParseDate(parts[1], option)!.Value : from;
        if (to < from)
        {
            throw new InputRejectedException(option, $"'{text}' ends before it starts; swap the dates");
        }
        var days = to.DayNumber - from.DayNumber + 1;
        var precision = days switch
        {
            1 => DatePrecision.Day,
            <= 7 => DatePrecision.Week,
            <= 31 => DatePrecision.Month,
            <= 92 => DatePrecision.Quarter,
            _ => DatePrecision.Year,
        };
        return new UncertainTime(text, null, [new CandidateInterval(from, to, precision, ResolutionMethod.AnalystJudgement, null, "given on the command line")], []);
    }
}
