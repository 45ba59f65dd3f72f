namespace BilateralTimeline.Domain;

/// <summary>
/// A command broke a rule of the domain. <see cref="Field"/> names the offending input so the
/// caller can point the user at it (for example <c>quotes[0].text</c>).
/// </summary>
public sealed class DomainRuleViolated(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
