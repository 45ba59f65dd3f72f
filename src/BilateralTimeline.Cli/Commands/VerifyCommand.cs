using System.CommandLine;
using BilateralTimeline.Application.Features.Verify.CountEventTypes;
using BilateralTimeline.Application.Features.Verify.VerifyLog;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

internal static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Recompute the SHA-256 hash chain over the whole log and check its end against the store's head record. Exit 0 when intact, printing a digest to keep outside the store; exit 1 naming the first broken global position otherwise.");
        var expect = new Option<string?>("--expect")
        {
            Description = "A digest an earlier verify printed (sha256:HEX@POSITION): also prove the log still extends it, so a history cut or rewritten since is found",
            HelpName = "DIGEST@POSITION",
        };
        command.Options.Add(expect);
        command.SetAction((parse, ct) => CommandRunner.Guarded(() =>
        {
            var witness = Witness(parse.GetValue(expect));
            return CommandRunner.WithStore(parse, ct, host => RunAsync(host, parse, witness, ct));
        }));
        return command;
    }

    /// <summary>Null when the log cannot even be read to the end: the chain line already says where.</summary>
    private static async Task<EventTypeInventory?> CountTypesAsync(CliHost host, CancellationToken cancellationToken)
    {
        try
        {
            return await host.Mediator.Send(new CountEventTypes(), cancellationToken);
        }
        catch (EventStoreException)
        {
            return null;
        }
    }

    /// <summary>Parsed before the store is opened, so a mistyped digest costs no walk of the log.</summary>
    private static ChainWitness? Witness(string? text)
    {
        if (text is null)
        {
            return null;
        }
        return ChainWitness.TryParse(text, out var problem)
            ?? throw new InputRejectedException("--expect", problem!);
    }

    private static async Task<int> RunAsync(CliHost host, ParseResult parse, ChainWitness? witness, CancellationToken ct)
    {
        var progress = new Progress<long>(n =>
        {
            if (!Console.IsErrorRedirected && n > 0)
            {
                Console.Error.Write($"\rverified {n:N0} events…");
            }
        });
        var result = await host.Mediator.Send(new VerifyLog(progress, witness), ct);
        if (!Console.IsErrorRedirected)
        {
            Console.Error.Write("\r                                        \r");
        }
        var inventory = await CountTypesAsync(host, ct);
        if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
        {
            Json.Write(EventTypeCountsRenderer.WithCounts(result, inventory));
        }
        else
        {
            Console.Out.WriteLine(Line(result));
            foreach (var line in WitnessLines(result))
            {
                Console.Out.WriteLine(line);
            }
            foreach (var line in inventory is null ? [] : EventTypeCountsRenderer.Lines(inventory))
            {
                Console.Out.WriteLine(line);
            }
        }
        return result.IsIntact ? ExitCodes.Ok : ExitCodes.Failure;
    }

    public static string Line(ChainVerification result) => result.IsIntact
        ? $"verify: OK — {result.EventsChecked:N0} events, hash chain intact up to position {result.LastPosition}, digest {result.Digest}"
        : $"verify: BROKEN at position {result.FirstBrokenPosition} — {result.Problem} ({result.EventsChecked:N0} events before it verified)";

    /// <summary>The witness to keep, and what an expected one proved; only for an intact log.</summary>
    public static IEnumerable<string> WitnessLines(ChainVerification result)
    {
        if (result.Extends is { } extended)
        {
            yield return $"extends: {extended} (nothing up to that position was cut or rewritten)";
        }
        if (result.Witness is { } witness)
        {
            yield return $"digest: {witness} (keep it outside the store; `bt verify --expect {witness}` later proves the log still extends it)";
        }
    }
}
