using System.CommandLine;
using System.Globalization;
using BilateralTimeline.Application.Features.Keys.CreateApiKey;
using BilateralTimeline.Application.Features.Keys.ListApiKeys;
using BilateralTimeline.Application.Features.Keys.RevokeApiKey;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Cli.Rendering;
using Spectre.Console;

namespace BilateralTimeline.Cli.Commands;

/// <summary>bt keys create|list|revoke: API keys for bt serve, stored hashed in the store's database.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "API keys for bt serve (analyst: read and write; auditor, consumer: read only)");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(ListKeys());
        command.Subcommands.Add(RevokeKey());
        return command;
    }

    private static Option<string?> ByOption(string what) =>
        new("--by") { Description = $"Who {what} (recorded with the key). Default: $BT_USER, else cli:<login>", HelpName = "NAME" };

    private static Command CreateKey()
    {
        var role = new Option<ApiRole>("--role") { Description = "analyst (read and write), auditor or consumer (read only)", Required = true };
        var name = new Option<string?>("--name") { Description = "Who holds the key; recorded as the author of their writes. Default: the role", HelpName = "NAME" };
        var by = ByOption("makes the key");
        var create = new Command("create", """
            Create an API key. It is printed once and stored only as its SHA-256: keep it.
            Example: bt keys create --role analyst --name "desk-1"
            """);
        create.Options.Add(role);
        create.Options.Add(name);
        create.Options.Add(by);
        create.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var chosen = parse.GetValue(role);
            var request = new CreateApiKey(chosen, parse.GetValue(name) ?? chosen.ToString().ToLowerInvariant()) { CreatedBy = CliOptions.RecordedBy(parse.GetValue(by)) };
            var key = await host.Mediator.Send(request, ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(key);
            }
            else
            {
                Console.Out.WriteLine(key.Key);
                Console.Error.WriteLine($"{key.Id}: {key.Role.ToString().ToLowerInvariant()} key for {key.Name}; send it as 'Authorization: Bearer KEY'. It is not stored and cannot be shown again.");
            }
            return ExitCodes.Ok;
        }, StoreNeeds.ReadModels));
        return create;
    }

    private static Command ListKeys()
    {
        var list = new Command("list", """
            Every API key: id, the first characters of its SHA-256 (echo -n KEY | sha256sum tells which
            key you hold), role, holder, who made it and when, and who revoked it and when. Never the key.
            Example: bt keys list --format json
            """);
        list.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var keys = await host.Mediator.Send(new ListApiKeys(), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(keys);
                return ExitCodes.Ok;
            }
            if (keys.Count == 0)
            {
                Console.Out.WriteLine("no API keys; make one with bt keys create --role analyst|auditor|consumer");
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumn("id").AddColumn("sha256").AddColumn("role").AddColumn("holder").AddColumn("created").AddColumn("revoked");
            foreach (var key in keys)
            {
                table.AddRow(Terminal.Escape(key.Id), Terminal.Escape(key.HashPrefix), Terminal.Escape(key.Role), Terminal.Escape(key.Name),
                    Terminal.Escape($"{Time(key.Created)} by {key.CreatedBy ?? "(not recorded)"}"),
                    key.Revoked is { } revoked ? Terminal.Escape($"{Time(revoked)} by {key.RevokedBy}") : "[green]active[/]");
            }
            Terminal.Out.Write(table);
            return ExitCodes.Ok;
        }, StoreNeeds.ReadModels));
        return list;
    }

    private static Command RevokeKey()
    {
        var id = new Argument<string>("KEY-ID") { Description = "The key's id (key-…), as bt keys list and the request logs show it" };
        var by = ByOption("revokes the key");
        var revoke = new Command("revoke", """
            Revoke an API key: its next request to any running bt serve gets 401. The key stays listed with
            who revoked it and when. Revoking it again changes nothing and says so (exit 0); an unknown id
            is exit 2.
            Example: bt keys revoke key-1a2b3c4d --by "ops-anna"
            """);
        revoke.Arguments.Add(id);
        revoke.Options.Add(by);
        revoke.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var revoked = await host.Mediator.Send(new RevokeApiKey(parse.GetValue(id)!, CliOptions.RecordedBy(parse.GetValue(by))), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(revoked);
            }
            else if (revoked.Changed)
            {
                Console.Out.WriteLine($"{revoked.Id} ({revoked.Role} key for {revoked.Name}) revoked by {revoked.RevokedBy} at {Time(revoked.Revoked)}; its next request is refused");
            }
            else
            {
                Console.Out.WriteLine($"{revoked.Id} was already revoked by {revoked.RevokedBy} at {Time(revoked.Revoked)}; nothing changed");
            }
            return ExitCodes.Ok;
        }, StoreNeeds.ReadModels));
        return revoke;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
