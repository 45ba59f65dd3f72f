using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Sensitivity;
using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Sensitivity.RankSensitivity;

/// <summary>
/// How much the relationship's state at a date (default today), as known at a recording time (default
/// now), depends on each source and each origin: the state of the ledger that never had each one's
/// claims, beside the baseline, the largest moves first.
/// </summary>
public sealed record RankSensitivity(string? Dyad, DateOnly? AsOf, DateTimeOffset? KnownAt) : IRequest<SensitivityReport>;

public sealed class RankSensitivityValidator : AbstractValidator<RankSensitivity>
{
    public RankSensitivityValidator(TimeProvider clock) => Include(new QueryRules<RankSensitivity>(clock, x => x.Dyad, x => x.KnownAt));
}

/// <summary>
/// One replay: <see cref="Without"/> is "source" (a source id) or "origin" (an outlet, agency, speaker
/// or organisation, of kind <see cref="OriginKind"/>); <see cref="Shift"/> is its score minus the
/// baseline's (null when either has no scored claim).
/// </summary>
public sealed record SensitivityRow(int Rank, string Without, string Name, string? OriginKind, int ClaimsLeftOut, double? Score, string Band, double? Shift, bool BandChanged);

public sealed record SensitivityReport(string Dyad, DateOnly AsOf, DateTimeOffset? KnownAt, double? BaselineScore, string BaselineBand, int BaselineClaims, IReadOnlyList<SensitivityRow> Rows);

public sealed class RankSensitivityHandler(Ports.IEventStore store, TimeProvider clock) : IRequestHandler<RankSensitivity, SensitivityReport>
{
    public async Task<SensitivityReport> Handle(RankSensitivity request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var asOf = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // One read of the prefix; every replay folds it again without one source or one origin.
        var prefix = await ReplayViews.ReadAsync(store, dyad, request.KnownAt, cancellationToken).ConfigureAwait(false);
        var catalogue = ReplayCatalogue.Of(prefix);
        RelationshipStateView StateWithout(ReplayFilter filter, out int leftOut)
        {
            var exclusion = ReplayExclusion.Of(catalogue, filter);
            leftOut = exclusion.Claims.Count;
            return RelationshipStateProjection.Build(dyad.ToString(), ReplayViews.Fold(prefix, exclusion), asOf, request.KnownAt);
        }

        var baseline = StateWithout(ReplayFilter.None, out _);
        var rows = new List<SensitivityRow>();
        foreach (var (without, name, kind, filter) in Candidates(catalogue))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var state = StateWithout(filter, out var leftOut);
            var shift = state.Score is { } s && baseline.Score is { } b ? Math.Round(s - b, 2) : (double?)null;
            rows.Add(new SensitivityRow(0, without, name, kind, leftOut, state.Score, state.Band, shift, state.Band != baseline.Band));
        }
        var ranked = rows
            .OrderByDescending(r => r.BandChanged)
            .ThenByDescending(r => Move(r, baseline.Score))
            .ThenByDescending(r => r.ClaimsLeftOut)
            .ThenBy(r => r.Without, StringComparer.Ordinal)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 })
            .ToList();
        return new SensitivityReport(dyad.ToString(), asOf, request.KnownAt, baseline.Score, baseline.Band, baseline.ClaimsConsidered, ranked);
    }

    /// <summary>How far the score moved; a score that appears or vanishes moves further than any number.</summary>
    private static double Move(SensitivityRow row, double? baseline) =>
        row.Shift is { } shift ? Math.Abs(shift) : row.Score is null && baseline is null ? 0 : double.PositiveInfinity;

    /// <summary>Every source, then every origin (first spelling seen, compared without case), in ledger order.</summary>
    private static IEnumerable<(string Without, string Name, string? Kind, ReplayFilter Filter)> Candidates(ReplayCatalogue catalogue)
    {
        foreach (var source in catalogue.Sources.Keys.Order(StringComparer.Ordinal))
        {
            yield return ("source", source, null, new ReplayFilter(WithoutSources: [source]));
        }
        var origins = new Dictionary<string, string>(ClaimOrigins.Comparer);
        foreach (var claim in catalogue.Claims.Values)
        {
            foreach (var (name, kind) in catalogue.OriginsOf(claim))
            {
                origins.TryAdd(name, kind);
            }
        }
        foreach (var (name, kind) in origins.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            yield return ("origin", name, kind, new ReplayFilter(WithoutOrigins: [name]));
        }
    }
}
