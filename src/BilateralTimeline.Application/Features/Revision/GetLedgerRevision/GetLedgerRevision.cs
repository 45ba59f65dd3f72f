using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Revision.GetLedgerRevision;

/// <summary>The revision a dyad's ledger is at (-1: nothing recorded yet): what a writer sends back as its expected revision.</summary>
public sealed record GetLedgerRevision(string? Dyad) : IRequest<LedgerRevision>;

public sealed class GetLedgerRevisionValidator : AbstractValidator<GetLedgerRevision>
{
    public GetLedgerRevisionValidator(TimeProvider clock) => Include(new QueryRules<GetLedgerRevision>(clock, x => x.Dyad));
}

public sealed record LedgerRevision(string Dyad, long Revision, long? LastGlobalPosition);

public sealed class GetLedgerRevisionHandler(Ports.IEventStore store) : IRequestHandler<GetLedgerRevision, LedgerRevision>
{
    public async Task<LedgerRevision> Handle(GetLedgerRevision request, CancellationToken cancellationToken)
    {
        var dyad = await DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await foreach (var last in store.ReadStreamAsync(dyad.StreamName, Ports.ReadDirection.Backwards, long.MaxValue, 1, cancellationToken).ConfigureAwait(false))
        {
            return new LedgerRevision(dyad.ToString(), last.StreamRevision, last.GlobalPosition);
        }
        return new LedgerRevision(dyad.ToString(), -1, null);
    }
}
