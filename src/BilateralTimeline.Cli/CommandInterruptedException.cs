namespace BilateralTimeline.Cli;

/// <summary>
/// A command that does many things stopped partway: <see cref="Exception.Message"/> says what it had done
/// and what was in flight; the inner exception is the cause and decides the exit code.
/// </summary>
internal sealed class CommandInterruptedException(string message, Exception cause) : Exception(message, cause);
