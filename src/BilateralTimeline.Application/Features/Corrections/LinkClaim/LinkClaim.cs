using BilateralTimeline.Application.Ledger;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Corrections.LinkClaim;

/// <summary>Take a claim to describe an occurrence (a reversible merge).</summary>
public sealed record LinkClaim(string? Dyad, string ClaimId, string OccurrenceId, string Reason, string RecordedBy, long? ExpectedRevision = null) : IRequest<RecordingResult>;

public sealed class LinkClaimValidator : AbstractValidator<LinkClaim>
{
    public LinkClaimValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required");
        RuleFor(x => x.OccurrenceId).NotEmpty().WithMessage("is required: the occurrence the claim describes");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
    }
}

public sealed class LinkClaimHandler(Ports.IEventStore store) : IRequestHandler<LinkClaim, RecordingResult>
{
    public async Task<RecordingResult> Handle(LinkClaim request, CancellationToken cancellationToken) =>
        await LedgerWriter.RecordAsync(
            store,
            await DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false),
            new Domain.Ledger.LinkClaim(request.ClaimId, request.OccurrenceId, request.Reason),
            request.RecordedBy,
            request.ExpectedRevision,
            cancellationToken).ConfigureAwait(false);
}
