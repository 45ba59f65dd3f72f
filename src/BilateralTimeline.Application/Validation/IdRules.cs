using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Validation;

/// <summary>
/// Every validator checks ids with this one rule (the decider's own check uses the same
/// <see cref="IdRule"/>), so an id that an import accepts is one that the CLI and the API can look up.
/// </summary>
public static class IdRules
{
    /// <summary>Empty ids pass here: whether one is required is each validator's own rule, with its own message.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeAnId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(id => string.IsNullOrEmpty(id) || IdRule.IsValid(id))
            .WithMessage((_, id) => NotAnId(id ?? ""));

    public static string NotAnId(string id) => $"'{IdRule.Printable(id)}' is not an id: use {IdRule.Description}";
}
