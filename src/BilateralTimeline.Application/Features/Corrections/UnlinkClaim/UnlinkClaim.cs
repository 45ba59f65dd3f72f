using BilateralTimeline.Application.Ledger;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Corrections.UnlinkClaim;

/// <summary>Undo a link: the claim no longer describes its occurrence (a split).</summary>
public sealed record UnlinkClaim(string? Dyad, string ClaimId, string Reason, string RecordedBy, long? ExpectedRevision = null) : IRequest<RecordingResult>;

public sealed class UnlinkClaimValidator : AbstractValidator<UnlinkClaim>
{
    public UnlinkClaimValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
    }
}

public sealed class UnlinkClaimHandler(Ports.IEventStore store) : IRequestHandler<UnlinkClaim, RecordingResult>
{
    public async Task<RecordingResult> Handle(UnlinkClaim request, CancellationToken cancellationToken) =>
        await LedgerWriter.RecordAsync(
            store,
            await DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false),
            new Domain.Ledger.UnlinkClaim(request.ClaimId, request.Reason),
            request.RecordedBy,
            request.ExpectedRevision,
            cancellationToken).ConfigureAwait(false);
}
