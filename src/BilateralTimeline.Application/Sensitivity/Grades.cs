using BilateralTimeline.Domain.Claims;

namespace BilateralTimeline.Application.Sensitivity;

/// <summary>
/// The order of the Admiralty grades for a minimum: A is the best reliability and 1 the best
/// credibility; the "cannot be judged" grades (F, 6) cannot be shown to meet any minimum but their own,
/// so they rank last.
/// </summary>
public static class Grades
{
    public static Reliability? ParseReliability(string? text) =>
        text?.Trim().ToUpperInvariant() is { Length: 1 } letter && letter[0] is >= 'A' and <= 'F'
            ? (Reliability)(letter[0] - 'A')
            : null;

    public static int? ParseCredibility(string? text) =>
        text?.Trim() is { Length: 1 } digit && digit[0] is >= '1' and <= '6' ? digit[0] - '0' : null;

    public static bool MeetsReliability(Reliability grade, Reliability minimum) => grade <= minimum;

    public static bool MeetsCredibility(int grade, int minimum) => grade <= minimum;
}
