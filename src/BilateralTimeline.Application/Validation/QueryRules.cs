using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Validation;

/// <summary>
/// The rules every query that names a dyad and a transaction time shares, included by its validator so
/// that they run in the pipeline, before the store is read: a dyad must be one, and a known-at time must
/// have come (an empty answer about the future would look like a real one). Whether it is before the
/// dyad's first event needs the log, and is the handler's to say.
/// </summary>
public sealed class QueryRules<T> : AbstractValidator<T>
{
    public QueryRules(TimeProvider clock, Func<T, string?> dyadOf, Func<T, DateTimeOffset?>? knownAtOf = null)
    {
        RuleFor(x => dyadOf(x))
            .Must(d => DyadProblem(d!) is null).When(x => !string.IsNullOrWhiteSpace(dyadOf(x)))
            .OverridePropertyName("dyad")
            .WithMessage((x, d) => DyadProblem(d!)!);
        if (knownAtOf is not null)
        {
            RuleFor(x => knownAtOf(x))
                .Must(t => t <= EndOfToday(clock)).When(x => knownAtOf(x) is not null)
                .OverridePropertyName("knownAt")
                .WithMessage((x, t) => $"{t:yyyy-MM-dd HH:mm:ss}Z is in the future; leave it out to ask about what is recorded now");
        }
    }

    /// <summary>A bare date means the end of that day, so today must stay askable all day long.</summary>
    public static DateTimeOffset EndOfToday(TimeProvider clock) =>
        new(clock.GetUtcNow().UtcDateTime.Date.AddDays(1).AddTicks(-1), TimeSpan.Zero);

    private static string? DyadProblem(string dyad)
    {
        try
        {
            DyadId.Parse(dyad);
            return null;
        }
        catch (DomainRuleViolated e)
        {
            return e.Message;
        }
    }
}
