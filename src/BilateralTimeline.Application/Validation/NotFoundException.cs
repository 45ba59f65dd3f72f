using BilateralTimeline.Domain;

namespace BilateralTimeline.Application.Validation;

/// <summary>The request was well formed but names something the ledger does not hold (HTTP 404).</summary>
public sealed class NotFoundException(string field, string message, Remedy? remedy = null) : Exception(message)
{
    public string Field { get; } = field;

    public Remedy? Remedy { get; } = remedy;
}
