using System.CommandLine;
using BilateralTimeline.Application.Features.Corrections.AddActorAlias;
using BilateralTimeline.Application.Features.Corrections.IdentifyActor;
using BilateralTimeline.Application.Features.Corrections.MergeActors;
using BilateralTimeline.Application.Features.Corrections.UnmergeActors;

namespace BilateralTimeline.Cli.Commands;

/// <summary>
/// `bt actors identify|alias|merge|unmerge`: the actor registry's corrections, recorded like the others
/// (a new event with author and reason, --expected-revision honoured).
/// </summary>
internal static class ActorRegistryCommands
{
    public static IEnumerable<Command> Create() => [Identify(), Alias(), Merge(), Unmerge()];

    private static Command Identify()
    {
        var actor = new Argument<string>("ACTOR-ID") { Description = "An id for the person, e.g. act-amirabdollahian" };
        var name = new Option<string>("--name") { Description = "The name the person is shown by", Required = true, HelpName = "NAME" };
        var command = new Command("identify", "Take a person to be one entity with an id and a shown name; add other spellings with `bt actors alias`. Example: bt actors identify act-amirabdollahian --name \"Hossein Amir-Abdollahian\"");
        command.Arguments.Add(actor);
        command.Options.Add(name);
        command.Options.Add(CorrectionCommands.By);
        command.Options.Add(CorrectionCommands.ExpectedRevision);
        command.SetAction((parse, ct) => CorrectionCommands.Run(parse, ct, (mediator, who) => mediator.Send(new IdentifyActor(parse.GetValue(CliOptions.Dyad), parse.GetValue(actor)!, parse.GetValue(name)!, who, parse.GetValue(CorrectionCommands.ExpectedRevision)), ct)));
        return command;
    }

    private static Command Alias()
    {
        var actor = new Argument<string>("ACTOR-ID") { Description = "The identified actor" };
        var alias = new Argument<string>("ALIAS") { Description = "Another spelling of its name (a transliteration, the Arabic script)" };
        var command = CorrectionCommands.Correction("alias", "Record another spelling of an identified actor's name; a spelling already on another actor is refused (merge them instead). Example: bt actors alias act-amirabdollahian \"أمير عبد اللهيان\" --reason \"Arabic spelling in Al Jazeera\"", actor, alias);
        command.SetAction((parse, ct) => CorrectionCommands.Run(parse, ct, (mediator, who) => mediator.Send(new AddActorAlias(parse.GetValue(CliOptions.Dyad), parse.GetValue(actor)!, parse.GetValue(alias)!, parse.GetValue(CorrectionCommands.Reason)!, who, parse.GetValue(CorrectionCommands.ExpectedRevision)), ct)));
        return command;
    }

    private static Command Merge()
    {
        var actor = new Argument<string>("ACTOR-ID") { Description = "The actor whose names now count as the other" };
        var into = new Argument<string>("INTO-ACTOR-ID") { Description = "The actor it is the same person as" };
        var command = CorrectionCommands.Correction("merge", "Take two identified actors to be one person (undone by `bt actors unmerge`). Example: bt actors merge act-abdollahian act-amirabdollahian --reason \"same foreign minister\"", actor, into);
        command.SetAction((parse, ct) => CorrectionCommands.Run(parse, ct, (mediator, who) => mediator.Send(new MergeActors(parse.GetValue(CliOptions.Dyad), parse.GetValue(actor)!, parse.GetValue(into)!, parse.GetValue(CorrectionCommands.Reason)!, who, parse.GetValue(CorrectionCommands.ExpectedRevision)), ct)));
        return command;
    }

    private static Command Unmerge()
    {
        var actor = new Argument<string>("ACTOR-ID") { Description = "The merged actor to set apart again" };
        var command = CorrectionCommands.Correction("unmerge", "Undo a merge: the actor stands on its own again with the names it had. Example: bt actors unmerge act-abdollahian --reason \"a different official\"", actor);
        command.SetAction((parse, ct) => CorrectionCommands.Run(parse, ct, (mediator, who) => mediator.Send(new UnmergeActors(parse.GetValue(CliOptions.Dyad), parse.GetValue(actor)!, parse.GetValue(CorrectionCommands.Reason)!, who, parse.GetValue(CorrectionCommands.ExpectedRevision)), ct)));
        return command;
    }
}
