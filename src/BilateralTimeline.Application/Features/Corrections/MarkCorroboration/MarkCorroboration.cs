using BilateralTimeline.Application.Ledger;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Corrections.MarkCorroboration;

/// <summary>Record that two claims independently support each other.</summary>
public sealed record MarkCorroboration(string? Dyad, string ClaimId, string OtherClaimId, string Reason, string RecordedBy, long? ExpectedRevision = null) : IRequest<RecordingResult>;

public sealed class MarkCorroborationValidator : AbstractValidator<MarkCorroboration>
{
    public MarkCorroborationValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required");
        RuleFor(x => x.OtherClaimId).NotEmpty().WithMessage("is required: the claim that supports it");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why they are independent, for the audit trail");
    }
}

public sealed class MarkCorroborationHandler(Ports.IEventStore store) : IRequestHandler<MarkCorroboration, RecordingResult>
{
    public async Task<RecordingResult> Handle(MarkCorroboration request, CancellationToken cancellationToken) =>
        await LedgerWriter.RecordAsync(
            store,
            await DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false),
            new Domain.Ledger.MarkCorroboration(request.ClaimId, request.OtherClaimId, request.Reason),
            request.RecordedBy,
            request.ExpectedRevision,
            cancellationToken).ConfigureAwait(false);
}
