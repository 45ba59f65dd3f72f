namespace BilateralTimeline.Domain;

/// <summary>
/// A command broke a rule of the domain. <see cref="Field"/> names the offending input so the
/// caller can point the user at it (for example <c>quotes[0].text</c>); <see cref="Remedy"/>, when
/// there is one, names the fix so that each transport can say how to apply it.
/// </summary>
public sealed class DomainRuleViolated(string field, string message, Remedy? remedy = null) : Exception(message)
{
    public string Field { get; } = field;

    public Remedy? Remedy { get; } = remedy;
}
