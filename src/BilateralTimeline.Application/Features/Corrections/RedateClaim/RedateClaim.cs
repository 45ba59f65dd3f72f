using BilateralTimeline.Application.Ledger;
using FluentValidation;
using MediatR;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Features.Corrections.RedateClaim;

/// <summary>Re-read when a claim's happening occurred (an analyst picks the year); the earlier reading stays in the log.</summary>
public sealed record RedateClaim(string? Dyad, string ClaimId, UncertainTime Occurred, string Reason, string RecordedBy, long? ExpectedRevision = null) : IRequest<RecordingResult>;

public sealed class RedateClaimValidator : AbstractValidator<RedateClaim>
{
    public RedateClaimValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required: the claim to re-date");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
    }
}

public sealed class RedateClaimHandler(Ports.IEventStore store) : IRequestHandler<RedateClaim, RecordingResult>
{
    public async Task<RecordingResult> Handle(RedateClaim request, CancellationToken cancellationToken) =>
        await LedgerWriter.RecordAsync(
            store,
            await DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false),
            new Domain.Ledger.RedateClaim(request.ClaimId, request.Occurred, request.Reason),
            request.RecordedBy,
            request.ExpectedRevision,
            cancellationToken).ConfigureAwait(false);
}
