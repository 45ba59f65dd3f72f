using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Sources;
using MediatR;

namespace BilateralTimeline.Application.Features.Trace.TraceClaim;

public sealed class TraceClaimHandler(Ports.IEventStore store, Ports.ILedgerViews views, TimeProvider clock) : IRequestHandler<TraceClaim, ClaimTrace>
{
    private const int ContextLength = 80;

    public async Task<ClaimTrace> Handle(TraceClaim request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var view = await views.AtAsync(dyad, request.KnownAt, cancellationToken).ConfigureAwait(false);
        if (!view.Claims.TryGetValue(request.ClaimId, out var claim))
        {
            var near = view.Claims.Keys.Where(k => k.Contains(request.ClaimId, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).Take(5).ToList();
            var hint = near.Count > 0 ? $"; did you mean {string.Join(", ", near)}?" : "";
            throw new InputRejectedException("claimId", $"no claim '{request.ClaimId}' in {dyad}{hint}", Domain.Remedy.ListClaims);
        }
        var source = view.Sources[claim.Claim.SourceId];
        var text = source.Source.Text;
        var computed = SourceText.Sha256Hex(text);
        var events = new List<TracedEvent> { new(claim.Position, claim.EventId, "claim-recorded", claim.Recorded, claim.RecordedBy, null) };
        events.AddRange(claim.Changes.Select(c => new TracedEvent(c.Position, c.EventId, c.What, c.Recorded, c.RecordedBy, c.Reason)));
        var occurrenceTitle = claim.OccurrenceId is { } o && view.Occurrences.TryGetValue(o, out var occurrence) ? occurrence.Occurrence.Title : null;
        return new ClaimTrace(
            dyad.ToString(), claim.Claim.ClaimId, claim.Claim.Kind, claim.Claim.Summary, TimelineProjection.Format(claim.Claim.Modality),
            claim.OccurrenceId, occurrenceTitle, claim.Occurred, claim.Claim.Place, claim.Claim.Actors, claim.Claim.Attribution,
            claim.Claim.Confidence, claim.Confidence, ConfidenceScale.Describe(claim.Confidence), ConfidenceScale.Score(claim.Confidence),
            SourceAuditProjection.Fate(claim), claim.Claim.Note, events,
            new TracedSource(source.Source.SourceId, source.Source.Outlet, source.Source.Title, source.Source.Language, source.Source.Url, source.Source.Published, source.Source.Sha256, computed, computed == source.Source.Sha256, source.Position),
            claim.Claim.Quotes.Select(q => Trace(text, q)).ToList(),
            await DraftedAsync(claim.Position, claim.EventId, cancellationToken).ConfigureAwait(false))
        {
            ActorEntities = ViewMemo.Of(view).Names.Describe(claim.Claim.Actors.Select(a => a.Name)),
        };
    }

    /// <summary>How a drafted claim was accepted, from its claim-recorded event's metadata (the views keep no metadata beyond who recorded it).</summary>
    private async Task<Drafting.DraftAcceptance?> DraftedAsync(long position, Guid eventId, CancellationToken cancellationToken)
    {
        await foreach (var e in store.ReadAllAsync(position, Ports.ReadDirection.Forwards, 1, cancellationToken).ConfigureAwait(false))
        {
            return e.EventId == eventId ? Drafting.DraftAcceptance.Read(e.Metadata.Extra) : null;
        }
        return null;
    }

    private static TracedQuote Trace(string text, Quote quote)
    {
        var inRange = quote.Start >= 0 && quote.End <= text.Length && quote.Start < quote.End;
        var matches = inRange && string.Equals(text[quote.Start..quote.End], quote.Text, StringComparison.Ordinal);
        var before = inRange ? text[Math.Max(0, quote.Start - ContextLength)..quote.Start] : "";
        var after = inRange ? text[quote.End..Math.Min(text.Length, quote.End + ContextLength)] : "";
        return new TracedQuote(quote.Start, quote.End, quote.Text, matches, before, after);
    }
}
