using BilateralTimeline.Domain.Time.Reading;
using BilateralTimeline.Domain.Time;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Dates.ResolveDate;

/// <summary>Read a date phrase ("الأسبوع الماضي", "Monday 22 January") against a publication time, and optionally another claim's time.</summary>
public sealed record ResolveDate(string Phrase, string Language, UncertainTime Publication, UncertainTime? RelativeTo) : IRequest<UncertainTime>;

public sealed class ResolveDateValidator : AbstractValidator<ResolveDate>
{
    public ResolveDateValidator()
    {
        RuleFor(x => x.Phrase).NotEmpty().WithMessage("is required: the words of the source, e.g. \"الأسبوع الماضي\"");
        RuleFor(x => x.Language).NotEmpty().WithMessage("is required: a BCP 47 tag such as ar or en");
    }
}

public sealed class ResolveDateHandler : IRequestHandler<ResolveDate, UncertainTime>
{
    public Task<UncertainTime> Handle(ResolveDate request, CancellationToken cancellationToken) =>
        Task.FromResult(DateResolver.Resolve(request.Phrase, request.Language, request.Publication, request.RelativeTo));
}
