using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.StateVersions;

public sealed partial class StateTermViews
{
    /// <summary>
    /// The state from the terms <paramref name="held"/> keeps (see <see cref="WithHeldTermsAsync"/>); a state the terms turn out
    /// not to hold the records of is answered from terms rebuilt from the log.
    /// </summary>
    private Task<RelationshipStateView> HeldStateAsync(HeldStateTerms held, DyadId dyad, DateOnly asOf, DateTimeOffset? knownAt, int skip, int? limit, CancellationToken cancellationToken) =>
        WithHeldTermsAsync(
            held,
            dyad,
            knownAt,
            terms => ReachAsync(dyad, terms, knownAt, cancellationToken),
            terms => terms.CountAt(knownAt) ?? terms.Revisions,
            (loaded, resident, count) => DrawAsync(dyad, loaded, resident, count, asOf, knownAt, skip, limit, cancellationToken),
            loaded => RebuiltAsync(dyad, loaded, asOf, knownAt, skip, limit, cancellationToken),
            cancellationToken);

    /// <summary>
    /// <paramref name="use"/> of the terms <paramref name="held"/> keeps at the count <paramref name="reach"/> finds in them: a
    /// use the held terms reach runs beside the others; one they do not reach (a write since, or none held) takes the dyad's
    /// gate alone, reads the stored segments whole when the held terms are not theirs, and continues them in place with the
    /// tail (then at <paramref name="caughtUp"/>'s count), which its store then holds again. Only one process-wide decode or
    /// catch-up of a dyad runs at a time. A use that finds a heavy row missing or edited (null) gets <paramref name="rebuilt"/>.
    /// </summary>
    private async Task<T> WithHeldTermsAsync<T>(
        HeldStateTerms held,
        DyadId dyad,
        DateTimeOffset? knownAt,
        Func<StateTerms, Task<int?>> reach,
        Func<StateTerms, int> caughtUp,
        Func<Loaded, Dictionary<int, EntryStateParts>, int, Task<T?>> use,
        Func<Loaded, Task<T>> rebuilt,
        CancellationToken cancellationToken)
        where T : class
    {
        var entry = held.Of(dyad);
        using (await entry.Gate.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await HeldAsync(entry, dyad, cancellationToken).ConfigureAwait(false) is { } shared
                && await reach(shared.Terms).ConfigureAwait(false) is { } reached
                && await use(shared, [], reached).ConfigureAwait(false) is { } answer)
            {
                return answer;
            }
        }
        using (await entry.Gate.WriteAsync(cancellationToken).ConfigureAwait(false))
        {
            var loaded = await HeldAsync(entry, dyad, cancellationToken).ConfigureAwait(false);
            if (loaded is null)
            {
                entry.Current = null;
                held.CountRead();
                loaded = await LoadAsync(dyad, int.MaxValue, knownAt, cancellationToken).ConfigureAwait(false);
                if (!loaded.Untrusted && loaded.Headers.Count > 0 && loaded.Terms.Unread == 0)
                {
                    held.Hold(dyad, loaded.Index, loaded.Terms, [.. loaded.Headers]);
                }
            }
            var count = await reach(loaded.Terms).ConfigureAwait(false);
            Dictionary<int, EntryStateParts> resident = [];
            if (count is null)
            {
                // The catch-up adds the tail to the held terms in place; its store holds them again, with the stored segments' headers.
                entry.Current = null;
                resident = await CatchUpAsync(dyad, loaded, knownAt, cancellationToken).ConfigureAwait(false);
                count = caughtUp(loaded.Terms);
            }
            if (await use(loaded, resident, count.Value).ConfigureAwait(false) is { } answer)
            {
                return answer;
            }
            entry.Current = null;
            return await rebuilt(loaded).ConfigureAwait(false);
        }
    }

    /// <summary>The held terms, when the stored index still lists the segments they were read from and the log still holds each one's last event.</summary>
    private async Task<Loaded?> HeldAsync(HeldStateTerms.Dyad entry, DyadId dyad, CancellationToken cancellationToken)
    {
        if (entry.Current is not { } current)
        {
            return null;
        }
        var index = await _segments.ReadIndexAsync(dyad, cancellationToken).ConfigureAwait(false);
        if (!current.Lists(index))
        {
            return null;
        }
        foreach (var header in current.Headers)
        {
            if (!await LogHoldsAsync(dyad, header, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }
        return new Loaded(index, current.Terms, [.. current.Headers], untrusted: false);
    }
}
