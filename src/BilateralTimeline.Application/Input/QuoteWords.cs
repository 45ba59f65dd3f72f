using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Application.Input;

/// <summary>
/// The one place where quotes given by their words are checked (by the validators of an import and of
/// a single claim) and given their offsets (by the handlers), against the source texts of the file and,
/// for sources recorded earlier, of the ledger.
/// </summary>
internal static class QuoteWords
{
    public static bool AnyByWords(IEnumerable<ClaimDto?>? claims) =>
        claims?.Any(c => c?.Quotes?.Any(q => q is { ByWords: true }) == true) == true;

    /// <summary>
    /// The texts by-words quotes need: the file's own sources first, then the ledger's, which is read
    /// only when a by-words quote names a source the file does not hold.
    /// </summary>
    public static async Task<Func<string, string?>> TextsAsync(
        ImportDocument document, IReadOnlyDictionary<string, string> fileTexts, IEventStore store, string? dyad, bool resolveMostRecent, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<string, string>(fileTexts, StringComparer.Ordinal);
        foreach (var source in document.Sources ?? [])
        {
            if (source is { Id: { } id, Text: { } text })
            {
                texts[id] = text;
            }
        }
        var missing = (document.Claims ?? [])
            .Where(c => c is { Source: { } s } && c.Quotes?.Any(q => q is { ByWords: true }) == true && !texts.ContainsKey(s))
            .Select(c => c!.Source!).ToHashSet(StringComparer.Ordinal);
        if (missing.Count > 0 && await DyadOf(store, dyad, resolveMostRecent, cancellationToken).ConfigureAwait(false) is { } ledger)
        {
            await foreach (var envelope in LedgerReader.ReadAsync(store, ledger, null, cancellationToken).ConfigureAwait(false))
            {
                if (envelope.Event is SourceRegistered registered && missing.Contains(registered.SourceId))
                {
                    texts[registered.SourceId] = registered.Text;
                }
            }
        }
        return id => texts.TryGetValue(id, out var t) ? t : null;
    }

    /// <summary>Every by-words quote that cannot be located, under the path of its "text" field.</summary>
    public static IEnumerable<FieldError> Problems(IReadOnlyList<ClaimDto?>? claims, Func<string, string?> textOf, Func<int, string> claimPath)
    {
        for (var i = 0; i < (claims?.Count ?? 0); i++)
        {
            var claim = claims![i];
            for (var j = 0; j < (claim?.Quotes?.Count ?? 0); j++)
            {
                var quote = claim!.Quotes![j];
                if (quote is not { ByWords: true, Text: { Length: > 0 } words } || claim.Source is not { Length: > 0 } sourceId)
                {
                    continue;
                }
                var path = $"{claimPath(i)}.quotes[{j}].text";
                if (textOf(sourceId) is not { } text)
                {
                    yield return new FieldError(path, $"source '{sourceId}' is neither in this file nor recorded for the dyad, so the quote's words cannot be located; give start and end, or register the source first");
                    continue;
                }
                if (QuoteLocator.Locate(sourceId, text, words, quote.Nth).Problem is { } problem)
                {
                    yield return new FieldError(path, problem);
                }
            }
        }
    }

    private static async Task<DyadId?> DyadOf(IEventStore store, string? dyad, bool resolveMostRecent, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(dyad))
        {
            return resolveMostRecent ? await LedgerReader.MostRecentDyadAsync(store, cancellationToken).ConfigureAwait(false) : null;
        }
        try
        {
            return DyadId.Parse(dyad);
        }
        catch (DomainRuleViolated)
        {
            // The dyad's own rule reports it; there is then no ledger to read texts from.
            return null;
        }
    }
}
