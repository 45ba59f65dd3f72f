using BilateralTimeline.Application.Ledger;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Corrections.MarkContradiction;

/// <summary>Record that two claims disagree, and on which field (date, fact, motive, place, actor).</summary>
public sealed record MarkContradiction(string? Dyad, string ClaimId, string OtherClaimId, string Field, string Reason, string RecordedBy, long? ExpectedRevision = null) : IRequest<RecordingResult>;

public sealed class MarkContradictionValidator : AbstractValidator<MarkContradiction>
{
    public MarkContradictionValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required");
        RuleFor(x => x.OtherClaimId).NotEmpty().WithMessage("is required: the claim it disagrees with");
        RuleFor(x => x.Field).NotEmpty().WithMessage("is required: what they disagree on (date, fact, motive, place, actor)");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say how they disagree, for the audit trail");
    }
}

public sealed class MarkContradictionHandler(Ports.IEventStore store) : IRequestHandler<MarkContradiction, RecordingResult>
{
    public async Task<RecordingResult> Handle(MarkContradiction request, CancellationToken cancellationToken) =>
        await LedgerWriter.RecordAsync(
            store,
            await DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false),
            new Domain.Ledger.MarkContradiction(request.ClaimId, request.OtherClaimId, request.Field, request.Reason),
            request.RecordedBy,
            request.ExpectedRevision,
            cancellationToken).ConfigureAwait(false);
}
