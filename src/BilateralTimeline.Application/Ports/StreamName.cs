namespace BilateralTimeline.Application.Ports;

/// <summary>
/// Stream names are "category-id" (EventStoreDB's convention, which its category projections and
/// stream-prefix filters rely on). Validated once here so every adapter accepts the same names.
/// </summary>
public static class StreamName
{
    public const int MaxLength = 200;

    public static void Validate(string stream)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        var dash = stream.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == stream.Length - 1 || stream.Length > MaxLength || stream.StartsWith('$') || stream.Any(char.IsControl))
        {
            throw new ArgumentException($"'{stream}' is not a stream name: use 'category-id' (no leading '$', at most {MaxLength} characters)", nameof(stream));
        }
    }
}
