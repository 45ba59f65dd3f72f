using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Sensitivity;

/// <summary>
/// Where a query that may carry a <see cref="ReplayFilter"/> gets its ledger. Without a filter: the
/// host's <see cref="ILedgerViews"/> (the serve index or the full fold). With one: the stream prefix
/// is read again and folded without what the filter excludes, so the answer is by construction the
/// answer of a ledger that never had those events; no index is involved (a filtered question pays for
/// a full fold even under <c>bt serve</c>).
/// </summary>
public static class ReplayViews
{
    public static async Task<LedgerView> AtAsync(ILedgerViews views, IEventStore store, DyadId dyad, DateTimeOffset? knownAt, ReplayFilter? filter, CancellationToken cancellationToken, bool checkNames = true)
    {
        if (ReplayFilter.OrNull(filter) is not { } replay)
        {
            return await views.AtAsync(dyad, knownAt, cancellationToken).ConfigureAwait(false);
        }
        var prefix = await ReadAsync(store, dyad, knownAt, cancellationToken).ConfigureAwait(false);
        var exclusion = ReplayExclusion.Of(ReplayCatalogue.Of(prefix), replay);
        if (checkNames)
        {
            Check(exclusion, dyad, knownAt);
        }
        return Fold(prefix, exclusion);
    }

    /// <summary>The dyad's events recorded by <paramref name="knownAt"/> (null: all), decoded.</summary>
    public static async Task<IReadOnlyList<LedgerEnvelope>> ReadAsync(IEventStore store, DyadId dyad, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var prefix = new List<LedgerEnvelope>();
        await foreach (var envelope in LedgerReader.ReadAsync(store, dyad, knownAt, cancellationToken).ConfigureAwait(false))
        {
            prefix.Add(envelope);
        }
        return prefix;
    }

    /// <summary>The fold of the events <paramref name="exclusion"/> keeps, in their order; positions stay the log's own.</summary>
    public static LedgerView Fold(IReadOnlyList<LedgerEnvelope> prefix, ReplayExclusion exclusion)
    {
        var builder = LedgerView.Create().ToBuilder();
        foreach (var envelope in prefix)
        {
            if (!exclusion.Keeps(envelope.Event))
            {
                continue;
            }
            try
            {
                builder.Apply(envelope);
            }
            catch (Exception e) when (FoldFailure.IsFoldFailure(e))
            {
                throw FoldFailure.At(envelope.Position, Serialization.EventTypes.NameOf(envelope.Event), e);
            }
        }
        return builder.ToImmutable();
    }

    /// <summary>A name that excludes nothing is almost always a typo; an unchanged answer would look like a real one.</summary>
    public static void Check(ReplayExclusion exclusion, DyadId dyad, DateTimeOffset? knownAt)
    {
        var when = knownAt is { } t ? $" as known at {t:yyyy-MM-dd HH:mm:ss}Z" : "";
        var errors = exclusion.UnknownSources
            .Select(s => new FieldError("withoutSource", $"no source '{s}' in {dyad}{when}; name a source id as the source audit lists it", Remedies.ListSources))
            .Concat(exclusion.UnknownOrigins.Select(o => new FieldError("withoutOrigin", $"no claim of {dyad}{when} rests on an origin named '{o}'; name an outlet, agency, speaker or organisation as the sensitivity ranking lists it", Remedies.ListOrigins)))
            .ToList();
        if (errors.Count > 0)
        {
            throw new InputRejectedException($"{errors.Count} problem(s) in the input", errors);
        }
    }
}
