using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Actors.ListActors;

/// <summary>People and offices of a dyad with their tenures and the tenure findings, as of a valid-time date (default today), as known at a recording time (default now).</summary>
public sealed record ListActors(string? Dyad, DateOnly? AsOf, DateTimeOffset? KnownAt) : IRequest<ActorsView>;

public sealed class ListActorsValidator : AbstractValidator<ListActors>
{
    public ListActorsValidator(TimeProvider clock) => Include(new QueryRules<ListActors>(clock, x => x.Dyad, x => x.KnownAt));
}

public sealed class ListActorsHandler(Ports.IEventStore store, Ports.ILedgerViews views, TimeProvider clock) : IRequestHandler<ListActors, ActorsView>
{
    public async Task<ActorsView> Handle(ListActors request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var view = await views.AtAsync(dyad, request.KnownAt, cancellationToken).ConfigureAwait(false);
        var asOf = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return ActorsProjection.Build(dyad.ToString(), view, asOf, request.KnownAt);
    }
}
