using System.CommandLine;
using BilateralTimeline.Application.Features.Corrections.LinkClaim;
using BilateralTimeline.Application.Features.Corrections.MarkContradiction;
using BilateralTimeline.Application.Features.Corrections.MarkCorroboration;
using BilateralTimeline.Application.Features.Corrections.RedateClaim;
using BilateralTimeline.Application.Features.Corrections.ResolveContradiction;
using BilateralTimeline.Application.Features.Corrections.RetractClaim;
using BilateralTimeline.Application.Features.Corrections.ReviseConfidence;
using BilateralTimeline.Application.Features.Corrections.SupersedeClaim;
using BilateralTimeline.Application.Features.Corrections.UnlinkClaim;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Cli.Rendering;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Time;
using MediatR;

namespace BilateralTimeline.Cli.Commands;

/// <summary>
/// Corrections never edit: each verb records a new event with its author and reason. All take
/// --expected-revision so a script can insist on the ledger it last read (exit 3 if it moved).
/// </summary>
internal static class CorrectionCommands
{
    internal static readonly Option<string> Reason = new("--reason") { Description = "Why (kept in the audit trail)", Required = true, HelpName = "TEXT" };
    internal static readonly Option<string?> By = new("--by") { Description = "Who is recording. Default: $BT_USER, else cli:<login>", HelpName = "NAME" };
    internal static readonly Option<long?> ExpectedRevision = new("--expected-revision") { Description = "Refuse (exit 3) unless the dyad's ledger is still at this revision", HelpName = "N" };

    public static IEnumerable<Command> Create() => [Retract(), Supersede(), Revise(), Corroborate(), Dispute(), Resolve(), Link(), Unlink(), Redate()];

    private static Command Supersede()
    {
        var claim = new Argument<string>("CLAIM-ID") { Description = "The claim being replaced" };
        var by = new Argument<string>("NEW-CLAIM-ID") { Description = "The newer claim that replaces it" };
        var command = Correction("supersede", "Replace a claim by a newer one: the old one stops counting, points to its replacement and stays in history. Cycles are refused. Example: bt supersede c000-05 c003-01 --reason \"the ministry published the exact date\"", claim, by);
        command.SetAction((parse, ct) => Run(parse, ct, (mediator, who) => mediator.Send(new SupersedeClaim(parse.GetValue(CliOptions.Dyad), parse.GetValue(claim)!, parse.GetValue(by)!, parse.GetValue(Reason)!, who, parse.GetValue(ExpectedRevision)), ct)));
        return command;
    }

    private static Command Resolve()
    {
        var claim = new Argument<string>("CLAIM-ID") { Description = "One side of the contradiction" };
        var other = new Argument<string>("OTHER-CLAIM-ID") { Description = "The other side" };
        var field = new Option<string>("--field") { Description = "The field the contradiction was marked on", Required = true, HelpName = "FIELD" };
        var resolution = new Option<string>("--resolution") { Description = "Which reading holds", Required = true, HelpName = "TEXT" };
        var command = Correction("resolve", "Settle a contradiction between two claims. Example: bt resolve c000-05 c000-27 --field date --resolution \"2024\" --reason \"weekday and officials fit 2024\"", claim, other);
        command.Options.Add(field);
        command.Options.Add(resolution);
        command.SetAction((parse, ct) => Run(parse, ct, (mediator, who) => mediator.Send(new ResolveContradiction(parse.GetValue(CliOptions.Dyad), parse.GetValue(claim)!, parse.GetValue(other)!, parse.GetValue(field)!, parse.GetValue(resolution)!, parse.GetValue(Reason)!, who, parse.GetValue(ExpectedRevision)), ct)));
        return command;
    }

    private static Command Link()
    {
        var claim = new Argument<string>("CLAIM-ID") { Description = "The claim" };
        var occurrence = new Argument<string>("OCCURRENCE-ID") { Description = "The occurrence it describes" };
        var command = Correction("link", "Take a claim to describe an occurrence (a merge, undone by unlink). Example: bt link c000-26 occ-hasanov-visit-tehran-22-january --reason \"the flight belongs to the visit\"", claim, occurrence);
        command.SetAction((parse, ct) => Run(parse, ct, (mediator, who) => mediator.Send(new LinkClaim(parse.GetValue(CliOptions.Dyad), parse.GetValue(claim)!, parse.GetValue(occurrence)!, parse.GetValue(Reason)!, who, parse.GetValue(ExpectedRevision)), ct)));
        return command;
    }

    private static Command Unlink()
    {
        var claim = new Argument<string>("CLAIM-ID") { Description = "The claim to take out of its occurrence" };
        var command = Correction("unlink", "Undo a link: the claim no longer describes its occurrence (a split). Example: bt unlink c000-26 --reason \"a different flight\"", claim);
        command.SetAction((parse, ct) => Run(parse, ct, (mediator, who) => mediator.Send(new UnlinkClaim(parse.GetValue(CliOptions.Dyad), parse.GetValue(claim)!, parse.GetValue(Reason)!, who, parse.GetValue(ExpectedRevision)), ct)));
        return command;
    }

    private static Command Redate()
    {
        var claim = new Argument<string>("CLAIM-ID") { Description = "The claim to re-date" };
        var from = new Option<string>("--from") { Description = "First day the happening may have occurred (YYYY-MM-DD)", Required = true, HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Last day (YYYY-MM-DD). Default: --from", HelpName = "DATE" };
        var precision = new Option<DatePrecision>("--precision") { Description = "instant, day, week, month, quarter, year or unknown", DefaultValueFactory = _ => DatePrecision.Day };
        var phrase = new Option<string?>("--phrase") { Description = "The source's words, kept with the reading", HelpName = "TEXT" };
        var command = Correction("redate", "Re-read when a claim's happening occurred, e.g. when an analyst picks the year; the earlier reading stays in the log. Example: bt redate c000-05 --from 2024-01-22 --reason \"weekday and officials fit 2024\"", claim);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(precision);
        command.Options.Add(phrase);
        command.SetAction((parse, ct) => Run(parse, ct, (mediator, who) => mediator.Send(new RedateClaim(
            parse.GetValue(CliOptions.Dyad), parse.GetValue(claim)!, parse.GetValue(from), parse.GetValue(to), Kebab.Format(parse.GetValue(precision)), parse.GetValue(phrase),
            parse.GetValue(Reason)!, who, parse.GetValue(ExpectedRevision)), ct)));
        return command;
    }

    private static Command Retract()
    {
        var claim = new Argument<string>("CLAIM-ID") { Description = "The claim to retract" };
        var command = Correction("retract", "Retract a claim: it stays in history, marked retracted, and stops counting. Example: bt retract c000-36 --reason \"denied by both ministries\"", claim);
        command.SetAction((parse, ct) => Run(parse, ct, (mediator, by) => mediator.Send(new RetractClaim(parse.GetValue(CliOptions.Dyad), parse.GetValue(claim)!, parse.GetValue(Reason)!, by, parse.GetValue(ExpectedRevision)), ct)));
        return command;
    }

    private static Command Revise()
    {
        var claim = new Argument<string>("CLAIM-ID") { Description = "The claim to re-grade" };
        var reliability = new Option<string>("--reliability") { Description = "Admiralty source reliability A (completely reliable) … F (cannot be judged)", Required = true, HelpName = "A-F" };
        var credibility = new Option<int>("--credibility") { Description = "Admiralty information credibility 1 (confirmed) … 6 (cannot be judged)", Required = true, HelpName = "1-6" };
        var likelihood = new Option<string?>("--likelihood") { Description = "Optional ICD 203 likelihood: almost-no-chance, very-unlikely, unlikely, roughly-even-chance, likely, very-likely, almost-certain", HelpName = "WORDS" };
        var command = Correction("revise", "Revise a claim's confidence; the previous grade stays in the log. Example: bt revise c000-36 --reliability C --credibility 4 --reason \"second outlet, same agency\"", claim);
        command.Options.Add(reliability);
        command.Options.Add(credibility);
        command.Options.Add(likelihood);
        command.SetAction((parse, ct) => Run(parse, ct, (mediator, by) => mediator.Send(new ReviseConfidence(parse.GetValue(CliOptions.Dyad), parse.GetValue(claim)!, parse.GetValue(reliability)!, parse.GetValue(credibility), parse.GetValue(likelihood), parse.GetValue(Reason)!, by, parse.GetValue(ExpectedRevision)), ct)));
        return command;
    }

    private static Command Corroborate()
    {
        var claim = new Argument<string>("CLAIM-ID") { Description = "A claim" };
        var other = new Argument<string>("OTHER-CLAIM-ID") { Description = "The claim that independently supports it" };
        var command = Correction("corroborate", "Mark two claims as independently supporting each other. Example: bt corroborate c000-08 c000-14 --reason \"IRNA and Fars report the same meeting\"", claim, other);
        command.SetAction((parse, ct) => Run(parse, ct, (mediator, by) => mediator.Send(new MarkCorroboration(parse.GetValue(CliOptions.Dyad), parse.GetValue(claim)!, parse.GetValue(other)!, parse.GetValue(Reason)!, by, parse.GetValue(ExpectedRevision)), ct)));
        return command;
    }

    private static Command Dispute()
    {
        var claim = new Argument<string>("CLAIM-ID") { Description = "A claim" };
        var other = new Argument<string>("OTHER-CLAIM-ID") { Description = "The claim it disagrees with" };
        var field = new Option<string>("--field") { Description = $"What they disagree on, one of: {ContradictionFields.Listed}", Required = true, HelpName = "FIELD" };
        var detail = new Option<string?>("--detail") { Description = "What exactly, in free words (\"the year\", \"the weekday\")", HelpName = "TEXT" };
        var command = Correction("dispute", "Mark two claims as contradicting each other on a field; the contradiction is about the first claim, the second is the evidence against it (on fact, both). Example: bt dispute c000-05 c000-27 --field date --detail \"the year\" --reason \"2024 by weekday, 2022 by 'five years ago'\"", claim, other);
        command.Options.Add(field);
        command.Options.Add(detail);
        command.SetAction((parse, ct) => Run(parse, ct, (mediator, by) => mediator.Send(new MarkContradiction(parse.GetValue(CliOptions.Dyad), parse.GetValue(claim)!, parse.GetValue(other)!, parse.GetValue(field)!, parse.GetValue(Reason)!, by, parse.GetValue(ExpectedRevision), parse.GetValue(detail)), ct)));
        return command;
    }

    internal static Command Correction(string name, string description, params Argument[] arguments)
    {
        var command = new Command(name, description);
        foreach (var argument in arguments)
        {
            command.Arguments.Add(argument);
        }
        command.Options.Add(Reason);
        command.Options.Add(By);
        command.Options.Add(ExpectedRevision);
        return command;
    }

    internal static Task<int> Run(ParseResult parse, CancellationToken ct, Func<IMediator, string, Task<RecordingResult>> send) =>
        CommandRunner.WithStore(parse, ct, async host =>
        {
            var result = await send(host.Mediator, CliOptions.RecordedBy(parse.GetValue(By)));
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(result);
            }
            else
            {
                Console.Out.WriteLine(result.EventsAppended == 0
                    ? $"nothing to record: it is already so ({result.Dyad} stays at revision {result.StreamRevision})"
                    : $"recorded {result.EventsAppended} event(s) in {result.Dyad}: revision {result.StreamRevision}, position {result.LastGlobalPosition}");
            }
            return ExitCodes.Ok;
        });
}
