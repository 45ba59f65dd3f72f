using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Ledger;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Corrections.ReviseConfidence;

/// <summary>Grade a claim anew; the previous grade stays in the log next to the reason for the change.</summary>
public sealed record ReviseConfidence(string? Dyad, string ClaimId, string Reliability, int Credibility, string? Likelihood, string Reason, string RecordedBy, long? ExpectedRevision = null) : IRequest<RecordingResult>;

public sealed class ReviseConfidenceValidator : AbstractValidator<ReviseConfidence>
{
    public ReviseConfidenceValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required: the claim to re-grade");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
        RuleFor(x => new ConfidenceDto(x.Reliability, x.Credibility, x.Likelihood)).SetValidator(new ConfidenceDtoValidator()).OverridePropertyName("confidence");
    }
}

public sealed class ReviseConfidenceHandler(Ports.IEventStore store) : IRequestHandler<ReviseConfidence, RecordingResult>
{
    public async Task<RecordingResult> Handle(ReviseConfidence request, CancellationToken cancellationToken) =>
        await LedgerWriter.RecordAsync(
            store,
            await DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false),
            new Domain.Ledger.ReviseConfidence(request.ClaimId, ImportMapper.Confidence(new ConfidenceDto(request.Reliability, request.Credibility, request.Likelihood)), request.Reason),
            request.RecordedBy,
            request.ExpectedRevision,
            cancellationToken).ConfigureAwait(false);
}
