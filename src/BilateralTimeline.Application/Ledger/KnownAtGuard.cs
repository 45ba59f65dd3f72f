using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Ledger;

/// <summary>
/// A transaction-time question must be askable: not about a time that has not come, and not about a
/// time before the ledger knew anything (both are almost always typing mistakes, and an empty answer
/// would look like a real one).
/// </summary>
internal static class KnownAtGuard
{
    public static async Task CheckAsync(IEventStore store, DyadId dyad, DateTimeOffset? knownAt, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (knownAt is not { } t)
        {
            return;
        }
        // The request's validator refuses a future time first (QueryRules); this stays for callers outside the pipeline.
        if (t > QueryRules<object>.EndOfToday(clock))
        {
            throw new InputRejectedException("knownAt", $"{t:yyyy-MM-dd HH:mm:ss}Z is in the future; leave it out to ask about what is recorded now");
        }
        await foreach (var first in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, 0, 1, cancellationToken).ConfigureAwait(false))
        {
            if (t < first.Recorded)
            {
                throw new InputRejectedException("knownAt", $"nothing about {dyad} had been recorded by {t:yyyy-MM-dd HH:mm:ss}Z; its first event was recorded at {first.Recorded:yyyy-MM-dd HH:mm:ss}Z");
            }
        }
    }
}
