using BilateralTimeline.Application.Drafting;
using BilateralTimeline.Application.Input;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Drafts.EvaluateDraft;

/// <summary>
/// Draft an article and compare the draft with an analyst's import file of the same article
/// (see <see cref="DraftFigures"/> for the figures). The publication, outlet and dyad default to the
/// analyst file's, as the analyst would give them to bt draft; the claims are never looked at by the drafter.
/// </summary>
public sealed record EvaluateDraft(string? Text, [property: Validation.NotInFieldPaths] ImportDocument? Analyst, string? Published = null, string? Language = null) : IRequest<DraftEvaluationResult>;

public sealed record DraftEvaluationResult(DraftFigures Figures, ImportDocument Draft);

public sealed class EvaluateDraftValidator : AbstractValidator<EvaluateDraft>
{
    public EvaluateDraftValidator()
    {
        RuleFor(x => x.Text).NotEmpty().WithMessage("is required: the article's text");
        RuleFor(x => x.Analyst).NotNull().WithMessage("is required: the analyst's import file of the same article");
        RuleFor(x => x.Analyst!.Claims).NotEmpty().When(x => x.Analyst is not null).OverridePropertyName("analyst.claims")
            .WithMessage("the analyst's file has no claims to compare with");
    }
}

public sealed class EvaluateDraftHandler : IRequestHandler<EvaluateDraft, DraftEvaluationResult>
{
    public Task<DraftEvaluationResult> Handle(EvaluateDraft request, CancellationToken cancellationToken)
    {
        var analyst = request.Analyst!;
        var source = analyst.Sources?.FirstOrDefault();
        var published = PublicationWindow.Parse(request.Published, "published")
            ?? (source?.Published is { } p ? ImportMapper.Time(p) : null);
        var draft = Drafter.Draft(request.Text!, new DraftOptions(source?.Outlet, published, request.Language ?? source?.Language, analyst.Dyad, []));
        return Task.FromResult(new DraftEvaluationResult(DraftEvaluation.Compare(request.Text!, analyst, draft), draft));
    }
}
