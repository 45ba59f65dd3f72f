using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Ledger;

internal static class DyadResolver
{
    /// <summary>The named dyad, or the most recently written one when none is named.</summary>
    public static async Task<DyadId> ResolveAsync(IEventStore store, string? dyad, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(dyad))
        {
            try
            {
                return DyadId.Parse(dyad);
            }
            catch (DomainRuleViolated e)
            {
                throw new InputRejectedException("dyad", e.Message, e.Remedy);
            }
        }
        return await LedgerReader.MostRecentDyadAsync(store, cancellationToken).ConfigureAwait(false)
            ?? throw new InputRejectedException("dyad", "the store holds no ledger yet: import a file first", Remedies.ImportFirst);
    }
}
