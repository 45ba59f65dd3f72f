using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Trace.TraceClaim;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Import;

/// <summary>A clock time in a source is stored as an instant with the offset in force in its zone that day.</summary>
public sealed class ClockTimeImportTests
{
    private const string FileName = "denial.claims.json";

    private static JsonObject WithClockTime(string at, string? zone, string day)
    {
        var file = Samples.Parse(Samples.Denial);
        Samples.DenialClaim(file)["occurred"] = new JsonObject
        {
            ["phrase"] = "at eight in the morning",
            ["language"] = "en",
            ["candidates"] = new JsonArray(new JsonObject
            {
                ["from"] = day,
                ["to"] = day,
                ["precision"] = "instant",
                ["method"] = "explicit",
                ["at"] = at,
                ["zone"] = zone,
            }),
        };
        return file;
    }

    [Fact]
    public async Task A_local_clock_time_in_Tehran_is_stored_with_that_days_offset()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        ledger.Write(FileName, WithClockTime("2023-02-02T08:00", "Asia/Tehran", "2023-02-02"));

        await ledger.ImportAsync(FileName);
        var trace = await ledger.Mediator.Send(new TraceClaim("c-denial", "AZE-IRN"));

        var candidate = Assert.Single(trace.Occurred.Candidates);
        Assert.Equal(new DateTimeOffset(2023, 2, 2, 8, 0, 0, TimeSpan.FromHours(3.5)), candidate.At);
        Assert.Equal("Asia/Tehran", candidate.TimeZone);
    }

    [Theory]
    [InlineData("2023-02-02T08:00", "Asia/Nowhere", "2023-02-02", "claims[0].occurred.candidates[0].zone")]
    [InlineData("2023-02-02T08:00", "Asia/Tehran", "2023-02-03", "claims[0].occurred.candidates[0].from")]
    [InlineData("2023-02-02T08:00", null, "2023-02-02", "claims[0].occurred.candidates[0].at")]
    public async Task A_clock_time_that_cannot_be_placed_is_refused_and_nothing_is_stored(string at, string? zone, string day, string field)
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();

        var rejected = await ledger.RejectsAsync(FileName, WithClockTime(at, zone, day));

        Assert.Contains(rejected.Errors, e => e.Field == field);
        await ledger.AssertUnchangedSinceAsync(before);
    }
}
