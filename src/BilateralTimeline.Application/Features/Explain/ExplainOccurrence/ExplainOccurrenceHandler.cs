using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Time;
using MediatR;

namespace BilateralTimeline.Application.Features.Explain.ExplainOccurrence;

public sealed class ExplainOccurrenceHandler(Ports.IEventStore store, Ports.ILedgerViews views, TimeProvider clock) : IRequestHandler<ExplainOccurrence, OccurrenceExplanation>
{
    public async Task<OccurrenceExplanation> Handle(ExplainOccurrence request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var view = await views.AtAsync(dyad, request.KnownAt, cancellationToken).ConfigureAwait(false);
        var asOf = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var entry = ViewMemo.Of(view).Entries.FirstOrDefault(e => e.IsOccurrence && string.Equals(e.Id, request.OccurrenceId, StringComparison.Ordinal))
            ?? throw Unknown(view, request, dyad.ToString());

        var confidence = OccurrenceConfidence.Compute(view, entry.Claims);
        var state = RelationshipStateProjection.Build(dyad.ToString(), view, asOf, request.KnownAt);
        var contribution = state.MovedBy.FirstOrDefault(c => c.EntryId == entry.Id);
        var standing = entry.Time.StandingAt(asOf);
        var names = ViewMemo.Of(view).Names;
        var claims = entry.Claims.Select(c => new ExplainedClaim(
            c.Claim.ClaimId, c.Claim.Kind, TimelineProjection.Format(c.Claim.Modality), c.Claim.Summary, c.Claim.SourceId,
            view.Sources.TryGetValue(c.Claim.SourceId, out var s) ? s.Source.Outlet : "?", OccurrenceConfidence.OriginOf(c).Origin,
            c.Confidence.Grade, ConfidenceScale.Score(c.Confidence), c.IsLive, SourceAuditProjection.Fate(c), c.Occurred.ToString(), c.Position)
        {
            // A cited agency or outlet is a name too; a claim's own source is an id, not someone.
            Entities = names.Describe(c.Claim.Actors.Select(a => a.Name).Concat(OccurrenceConfidence.OriginOf(c) is { Kind: not "source" } origin ? [origin.Origin] : [])),
        }).ToList();
        return new OccurrenceExplanation(
            dyad.ToString(), entry.Id, entry.Title, asOf, request.KnownAt, entry.Time.ToString(), TimelineProjection.Format(standing), entry.Time,
            claims, confidence, state.Score, state.Band, contribution, contribution is null ? WhyNotCounted(entry, standing, asOf) : null, OccurrenceTime.Judge(entry.Claims, withSteps: true));
    }

    /// <summary>The first of <see cref="RelationshipStateProjection"/>'s conditions that the occurrence fails, in words.</summary>
    private static string WhyNotCounted(Entry entry, TimeStanding standing, DateOnly asOf)
    {
        if (entry.Claims.Count == 0)
        {
            return "no claims are linked to it";
        }
        if (!entry.Live.Any())
        {
            return "all its claims are retracted or superseded";
        }
        if (standing == TimeStanding.NotYet)
        {
            return $"it had not yet occurred by {asOf:yyyy-MM-dd} (earliest {entry.Time.Earliest:yyyy-MM-dd})";
        }
        if (standing == TimeStanding.Undated)
        {
            return "its date is unknown, so it cannot be placed before the as-of date";
        }
        var eventLike = entry.Live.Where(Entries.IsEventLike).ToList();
        if (eventLike.Count == 0)
        {
            return "its live claims are only opinions or denials: nothing says it happened";
        }
        return $"its live claims are of context kinds ({string.Join(", ", eventLike.Select(c => c.Claim.Kind).Distinct())}), which describe background, not a move in the relationship";
    }

    private static InputRejectedException Unknown(LedgerView view, ExplainOccurrence request, string dyad)
    {
        var wanted = request.OccurrenceId;
        var near = view.Occurrences.Values
            .Where(o => o.Occurrence.OccurrenceId.Contains(wanted, StringComparison.OrdinalIgnoreCase)
                || wanted.Contains(o.Occurrence.OccurrenceId, StringComparison.OrdinalIgnoreCase)
                || o.Occurrence.Title.Contains(wanted, StringComparison.OrdinalIgnoreCase)
                || Words(o.Occurrence.OccurrenceId).Intersect(Words(wanted), StringComparer.OrdinalIgnoreCase).Any())
            .Select(o => o.Occurrence.OccurrenceId)
            .Order(StringComparer.Ordinal)
            .Take(5)
            .ToList();
        var known = request.KnownAt is { } t ? $" as known at {t:yyyy-MM-dd HH:mm:ss}Z" : "";
        var hint = near.Count > 0 ? $"; did you mean {string.Join(", ", near)}?" : "";
        return new InputRejectedException("occurrenceId", $"no occurrence '{wanted}' in {dyad}{known}{hint}", Domain.Remedy.ListOccurrences);
    }

    // Parts of an id long enough to mean something: "occ-a-attack" is near "occ-a-embassy-attack".
    private static IEnumerable<string> Words(string id) => id.Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4);
}
