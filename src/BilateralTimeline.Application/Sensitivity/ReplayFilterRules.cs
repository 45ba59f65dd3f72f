using FluentValidation;

namespace BilateralTimeline.Application.Sensitivity;

/// <summary>
/// The rules of a <see cref="ReplayFilter"/>, included by the validator of every request that carries
/// one; errors name the query parameter and say how to write it (the CLI's option has the same name in kebab case).
/// </summary>
public sealed class ReplayFilterRules<T> : AbstractValidator<T>
{
    public ReplayFilterRules(Func<T, ReplayFilter?> filterOf)
    {
        RuleForEach(x => filterOf(x) == null ? Array.Empty<string>() : filterOf(x)!.WithoutSources ?? Array.Empty<string>())
            .Must(s => !string.IsNullOrWhiteSpace(s))
            .OverridePropertyName("withoutSource")
            .WithMessage("is empty; name a source id as `bt sources` lists it (--without-source ID, withoutSource=ID; give it again for more)");
        RuleForEach(x => filterOf(x) == null ? Array.Empty<string>() : filterOf(x)!.WithoutOrigins ?? Array.Empty<string>())
            .Must(o => !string.IsNullOrWhiteSpace(o))
            .OverridePropertyName("withoutOrigin")
            .WithMessage("is empty; name an outlet, agency, speaker or organisation as `bt sensitivity` lists it (--without-origin NAME, withoutOrigin=NAME)");
        RuleFor(x => filterOf(x) == null ? null : filterOf(x)!.MinReliability)
            .Must(r => Grades.ParseReliability(r) is not null)
            .When(x => !string.IsNullOrEmpty(filterOf(x)?.MinReliability))
            .OverridePropertyName("minReliability")
            .WithMessage(x => $"'{filterOf(x)!.MinReliability}' is not an Admiralty reliability grade; give one letter A (completely reliable) … E (unreliable) or F (cannot be judged, ranked last), e.g. --min-reliability C or minReliability=C");
        RuleFor(x => filterOf(x) == null ? null : filterOf(x)!.MinCredibility)
            .Must(c => Grades.ParseCredibility(c) is not null)
            .When(x => !string.IsNullOrEmpty(filterOf(x)?.MinCredibility))
            .OverridePropertyName("minCredibility")
            .WithMessage(x => $"'{filterOf(x)!.MinCredibility}' is not an Admiralty credibility grade; give a number 1 (confirmed) … 5 (improbable) or 6 (cannot be judged, ranked last), e.g. --min-credibility 3 or minCredibility=3");
    }
}
