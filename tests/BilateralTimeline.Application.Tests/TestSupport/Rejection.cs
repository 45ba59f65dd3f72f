using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Application.Tests.TestSupport;

internal static class Rejection
{
    /// <summary>The error reported for <paramref name="field"/>; fails listing every error when there is none.</summary>
    public static FieldError For(this InputRejectedException rejected, string field)
    {
        var matches = rejected.Errors.Where(e => e.Field == field).ToList();
        Assert.True(matches.Count > 0, $"no error for '{field}'; errors were:{Environment.NewLine}{string.Join(Environment.NewLine, rejected.Errors)}");
        return matches[0];
    }
}
