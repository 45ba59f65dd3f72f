using System.CommandLine;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain;

namespace BilateralTimeline.Cli;

/// <summary>Opens the store, runs a command and turns every failure into a clear message and an exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> WithStore(ParseResult parse, CancellationToken cancellationToken, Func<CliHost, Task<int>> action, StoreNeeds needs = StoreNeeds.Log)
    {
        return await Guarded(async () =>
        {
            await using var host = await CliHost.OpenAsync(CliOptions.Selection(parse), cancellationToken, needs).ConfigureAwait(false);
            return await action(host).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public static async Task<int> Guarded(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (CommandInterruptedException e) when (e.InnerException is not null)
        {
            // The cause first, with its own exit code; then what the command had done, as the last word.
            var code = await Guarded(() => Task.FromException<int>(e.InnerException)).ConfigureAwait(false);
            Error(e.Message);
            return code;
        }
        catch (InputRejectedException e)
        {
            Error(e.Summary);
            foreach (var error in e.Errors)
            {
                Console.Error.WriteLine($"  {CliHints.Line(error)}");
            }
            return ExitCodes.BadInput;
        }
        catch (NotFoundException e)
        {
            Error($"{e.Field}: {e.Message}{CliHints.For(e.Remedy)}");
            return ExitCodes.BadInput;
        }
        catch (DomainRuleViolated e)
        {
            Error($"{e.Field}: {e.Message}{CliHints.For(e.Remedy)}");
            return ExitCodes.BadInput;
        }
        catch (WrongExpectedRevisionException e)
        {
            Error($"conflict: {e.Message}");
            return ExitCodes.Conflict;
        }
        catch (DuplicateEventIdException e)
        {
            Error($"conflict: {e.Message}");
            return ExitCodes.Conflict;
        }
        catch (EventStoreRetryLaterException e)
        {
            // The conflict family: nothing is wrong with the input; try again (a failover may be underway).
            Error($"try again: {e.Message}");
            return ExitCodes.Conflict;
        }
        catch (EventStoreException e)
        {
            Error(e.Message + CliHints.For(e));
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            Error("cancelled");
            return ExitCodes.Failure;
        }
    }

    public static void Error(string message) => Console.Error.WriteLine($"error: {message}");
}
