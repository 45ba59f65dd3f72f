using BilateralTimeline.Application.Validation;
using FluentValidation;

namespace BilateralTimeline.Application.Sensitivity;

/// <summary>
/// The rules of a <see cref="ReplayFilter"/>, included by the validator of every request that carries
/// one; errors name the field and say how to write its value (the CLI adds its option, the same name in kebab case).
/// </summary>
public sealed class ReplayFilterRules<T> : AbstractValidator<T>
{
    public ReplayFilterRules(Func<T, ReplayFilter?> filterOf)
    {
        RuleForEach(x => filterOf(x) == null ? Array.Empty<string>() : filterOf(x)!.WithoutSources ?? Array.Empty<string>())
            .Must(s => !string.IsNullOrWhiteSpace(s))
            .OverridePropertyName("withoutSource")
            .WithMessage("is empty; name a source id as the source audit lists it (give it again for more)").WithRemedy(Remedies.ListSources);
        RuleForEach(x => filterOf(x) == null ? Array.Empty<string>() : filterOf(x)!.WithoutOrigins ?? Array.Empty<string>())
            .Must(o => !string.IsNullOrWhiteSpace(o))
            .OverridePropertyName("withoutOrigin")
            .WithMessage("is empty; name an outlet, agency, speaker or organisation as the sensitivity ranking lists it").WithRemedy(Remedies.ListOrigins);
        RuleFor(x => filterOf(x) == null ? null : filterOf(x)!.MinReliability)
            .Must(r => Grades.ParseReliability(r) is not null)
            .When(x => !string.IsNullOrEmpty(filterOf(x)?.MinReliability))
            .OverridePropertyName("minReliability")
            .WithMessage(x => $"'{filterOf(x)!.MinReliability}' is not an Admiralty reliability grade; give one letter A (completely reliable) … E (unreliable) or F (cannot be judged, ranked last), e.g. C");
        RuleFor(x => filterOf(x) == null ? null : filterOf(x)!.MinCredibility)
            .Must(c => Grades.ParseCredibility(c) is not null)
            .When(x => !string.IsNullOrEmpty(filterOf(x)?.MinCredibility))
            .OverridePropertyName("minCredibility")
            .WithMessage(x => $"'{filterOf(x)!.MinCredibility}' is not an Admiralty credibility grade; give a number 1 (confirmed) … 5 (improbable) or 6 (cannot be judged, ranked last), e.g. 3");
    }
}
