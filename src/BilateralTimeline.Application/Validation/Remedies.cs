using BilateralTimeline.Domain;
using FluentValidation;

namespace BilateralTimeline.Application.Validation;

/// <summary>
/// The fixes that are the application's rather than the domain's (a ledger to import, a log to verify,
/// keys to list), and how a validator's rule names one: FluentValidation carries it as the error code.
/// </summary>
public static class Remedies
{
    private const string CodePrefix = "remedy:";

    public static readonly Remedy ImportFirst = new("import-first", []);

    public static readonly Remedy VerifyLog = new("verify-log", []);

    public static readonly Remedy ListSources = new("list-sources", []);

    public static readonly Remedy ListOrigins = new("list-origins", []);

    public static readonly Remedy ListKeys = new("list-keys", []);

    public static readonly Remedy AcceptProposals = new("accept-proposals", []);

    public static IRuleBuilderOptions<T, TProperty> WithRemedy<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, Remedy remedy) =>
        rule.WithErrorCode(Code(remedy));

    /// <summary>The error code that carries <paramref name="remedy"/> through a FluentValidation failure.</summary>
    public static string Code(Remedy remedy) => CodePrefix + remedy.Action;

    /// <summary>The remedy a failure's error code names, or null for FluentValidation's own codes.</summary>
    public static Remedy? FromErrorCode(string? code) =>
        code is not null && code.StartsWith(CodePrefix, StringComparison.Ordinal) ? new Remedy(code[CodePrefix.Length..], []) : null;
}
