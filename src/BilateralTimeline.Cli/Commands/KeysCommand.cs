using System.CommandLine;
using BilateralTimeline.Application.Features.Keys.CreateApiKey;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

/// <summary>bt keys create: API keys for bt serve, stored hashed in the store's database.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var role = new Option<ApiRole>("--role") { Description = "analyst (read and write), auditor or consumer (read only)", Required = true };
        var name = new Option<string?>("--name") { Description = "Who holds the key; recorded as the author of their writes. Default: the role", HelpName = "NAME" };
        var create = new Command("create", """
            Create an API key. It is printed once and stored only as its SHA-256: keep it.
            Example: bt keys create --role analyst --name "desk-1"
            """);
        create.Options.Add(role);
        create.Options.Add(name);
        create.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            await using var serving = ServingStores.For(host.Store);
            var chosen = parse.GetValue(role);
            var key = await serving.Mediator(host.Store).Send(new CreateApiKey(chosen, parse.GetValue(name) ?? chosen.ToString().ToLowerInvariant()), ct);
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
        }));
        var command = new Command("keys", "API keys for bt serve (analyst: read and write; auditor, consumer: read only)");
        command.Subcommands.Add(create);
        return command;
    }
}
