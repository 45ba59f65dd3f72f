using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Sensitivity;
using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Diff.DiffUnderstanding;

/// <summary>
/// What changed in our understanding between two recording times, about what had happened by a date;
/// with a <see cref="ReplayFilter"/>, in the ledger that never had what it excludes (a minimum grade is
/// judged at each recording time on the grade as known then).
/// </summary>
public sealed record DiffUnderstanding(string? Dyad, DateTimeOffset Before, DateTimeOffset After, DateOnly? AsOf, [property: Validation.NotInFieldPaths] ReplayFilter? Filter = null) : IRequest<UnderstandingDiff>;

public sealed record ClaimDifference(string ClaimId, string Change, string Summary);

public sealed record StatusDifference(string Subject, string? Before, string? After);

public sealed record UnderstandingDiff(
    string Dyad,
    DateTimeOffset Before,
    DateTimeOffset After,
    DateOnly AsOf,
    long EventsBetween,
    IReadOnlyList<ClaimDifference> Claims,
    double? ScoreBefore,
    double? ScoreAfter,
    string BandBefore,
    string BandAfter,
    IReadOnlyList<StatusDifference> Statuses);

public sealed class DiffUnderstandingValidator : AbstractValidator<DiffUnderstanding>
{
    public DiffUnderstandingValidator(TimeProvider clock)
    {
        Include(new QueryRules<DiffUnderstanding>(clock, x => x.Dyad));
        RuleFor(x => x.After).GreaterThan(x => x.Before).WithMessage("the second known-at time must be later than the first");
        Include(new ReplayFilterRules<DiffUnderstanding>(x => x.Filter));
    }
}

public sealed class DiffUnderstandingHandler(Ports.IEventStore store, Ports.ILedgerViews views, TimeProvider clock) : IRequestHandler<DiffUnderstanding, UnderstandingDiff>
{
    public async Task<UnderstandingDiff> Handle(DiffUnderstanding request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.Before, clock, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.After, clock, cancellationToken).ConfigureAwait(false);
        // Names are checked against the later ledger: a source registered between the two times is no typo.
        var after = await ReplayViews.AtAsync(views, store, dyad, request.After, request.Filter, cancellationToken).ConfigureAwait(false);
        var before = await ReplayViews.AtAsync(views, store, dyad, request.Before, request.Filter, cancellationToken, checkNames: false).ConfigureAwait(false);
        var asOf = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var stateBefore = RelationshipStateProjection.Build(dyad.ToString(), before, asOf, request.Before);
        var stateAfter = RelationshipStateProjection.Build(dyad.ToString(), after, asOf, request.After);
        return new UnderstandingDiff(
            dyad.ToString(), request.Before, request.After, asOf, after.EventCount - before.EventCount,
            UnderstandingDiffs.Claims(before, after),
            stateBefore.Score, stateAfter.Score, stateBefore.Band, stateAfter.Band,
            UnderstandingDiffs.Statuses(stateBefore, stateAfter));
    }
}
