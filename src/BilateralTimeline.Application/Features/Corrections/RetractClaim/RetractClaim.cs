using BilateralTimeline.Application.Ledger;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Corrections.RetractClaim;

/// <summary>Stop believing a claim. It stays in history, with the reason, the author and the time.</summary>
public sealed record RetractClaim(string? Dyad, string ClaimId, string Reason, string RecordedBy, long? ExpectedRevision = null) : IRequest<RecordingResult>;

public sealed class RetractClaimValidator : AbstractValidator<RetractClaim>
{
    public RetractClaimValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required: the claim to retract (bt sources lists them)");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
    }
}

public sealed class RetractClaimHandler(Ports.IEventStore store) : IRequestHandler<RetractClaim, RecordingResult>
{
    public async Task<RecordingResult> Handle(RetractClaim request, CancellationToken cancellationToken) =>
        await LedgerWriter.RecordAsync(
            store,
            await DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false),
            new Domain.Ledger.RetractClaim(request.ClaimId, request.Reason),
            request.RecordedBy,
            request.ExpectedRevision,
            cancellationToken).ConfigureAwait(false);
}
