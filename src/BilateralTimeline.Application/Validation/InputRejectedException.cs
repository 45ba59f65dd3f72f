using BilateralTimeline.Domain;

namespace BilateralTimeline.Application.Validation;

/// <summary>
/// One thing wrong with the input: where (a field path such as claims[3].confidence.credibility) and how to fix it,
/// in the domain's words; <see cref="Remedy"/> names the fix for a transport to add its own hint.
/// </summary>
public sealed record FieldError(string Field, string Message, Remedy? Remedy = null)
{
    public override string ToString() => string.IsNullOrEmpty(Field) ? Message : $"{Field}: {Message}";
}

/// <summary>The request was refused before anything was stored. Every problem found is listed, not just the first.</summary>
public sealed class InputRejectedException(string summary, IReadOnlyList<FieldError> errors)
    : Exception(summary + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public InputRejectedException(string field, string message, Remedy? remedy = null)
        : this("input rejected", [new FieldError(field, message, remedy)])
    {
    }

    public string Summary { get; } = summary;

    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
