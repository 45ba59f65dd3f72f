using System.CommandLine;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain;

namespace BilateralTimeline.Cli;

/// <summary>
/// The core names a refusal's fix in the domain's words (<see cref="Remedy"/>); here it becomes the `bt`
/// command that applies it, added after the message. The core never names a command or a flag.
/// </summary>
internal static class CliHints
{
    /// <summary>" (the command to use)", or "" when the remedy has no command here.</summary>
    public static string For(Remedy? remedy) => remedy is null || Command(remedy) is not { } hint ? "" : $" ({hint})";

    /// <summary>A damaged or undecodable log is always the verifier's to locate.</summary>
    public static string For(EventStoreException e) => e is CorruptEventException or DamagedLogException ? "; run `bt verify`" : "";

    /// <summary>The options of the command being run, so a field named after one ("minReliability") can be shown with it.</summary>
    public static IReadOnlyList<Option> Options { get; set; } = [];

    /// <summary>The error, then the command that fixes it, or else the option that gave the field.</summary>
    public static string Line(FieldError error) =>
        error + (error.Remedy is not null ? For(error.Remedy) : OptionOf(error.Field) is { } option ? $" ({option})" : "");

    private static string? OptionOf(string field)
    {
        var name = "--" + System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(field.Split('[')[0]);
        return Options.Any(o => o.Name == name || o.Aliases.Contains(name)) ? name : null;
    }

    private static string? Command(Remedy remedy) => (remedy.Action, remedy.Ids) switch
    {
        ("list-claims", _) => "`bt sources` and `bt timeline` list the recorded claims",
        ("list-occurrences", _) => "`bt timeline` lists every occurrence id",
        ("list-actors", _) => "`bt actors` lists the identified actors and their names",
        ("identify-actor", _) => "bt actors identify ID --name NAME; `bt actors` lists the identified actors",
        ("add-alias", [var id, var alias]) => $"bt actors alias {id} \"{alias}\"",
        ("merge-actors", [var id, var into]) => $"bt actors merge {id} {into}",
        ("merge-actors", _) => "bt actors merge ACTOR-ID INTO-ACTOR-ID",
        ("unmerge-actor", [var id]) => $"bt actors unmerge {id}",
        ("import-first", _) => "bt import FILE, or bt demo for the samples",
        ("list-sources", _) => "`bt sources` lists them; --without-source ID, again for more",
        ("list-origins", _) => "`bt sensitivity` lists them; --without-origin NAME",
        ("list-keys", _) => "`bt keys list` shows the ids",
        ("accept-proposals", _) => "bt import --accept-proposed accepts every proposal of the file",
        ("verify-log", _) => "run `bt verify`",
        _ => null,
    };
}
