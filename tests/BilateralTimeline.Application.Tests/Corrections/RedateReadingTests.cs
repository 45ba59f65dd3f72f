using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Corrections.RedateClaim;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Application.Tests.Corrections;

/// <summary>
/// The re-dating reading (first and last day, precision, the source's words) is read and refused in the
/// request's own validator, once for the CLI and the API, which used to build it each its own way.
/// </summary>
public sealed class RedateReadingTests
{
    private static RedateClaim Redate(string? from, string? to = null, string? precision = null, string? phrase = null) =>
        new("AZE-IRN", "c-closure", from, to, precision, phrase, "the analyst dates it from the cable", "analyst");

    [Fact]
    public async Task A_reading_is_built_from_the_days_the_precision_and_the_phrase()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        await ledger.Mediator.Send(Redate("2023-03-01", "2023-03-31", "month", "in March"));

        JsonNode? occurred = null;
        await foreach (var e in ledger.Store.ReadAllAsync())
        {
            if (e.Type == "claim-redated/v1")
            {
                occurred = JsonNode.Parse(e.Data.Span)!["occurred"];
            }
        }
        Assert.NotNull(occurred);
        Assert.Equal("in March", occurred["phrase"]!.GetValue<string>());
        var candidate = Assert.Single(occurred["candidates"]!.AsArray())!;
        Assert.Equal("2023-03-01", candidate["from"]!.GetValue<string>());
        Assert.Equal("2023-03-31", candidate["to"]!.GetValue<string>());
        Assert.Equal("month", candidate["precision"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_last_day_the_reading_is_the_first_day()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        await ledger.Mediator.Send(Redate("2023-03-10"));

        var log = await ledger.LogAsync();
        Assert.Equal("claim-redated/v1", log[^1].Type);
    }

    [Fact]
    public async Task A_missing_first_day_is_refused_naming_from()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(Redate(null)));

        Assert.Contains("is required", rejected.For("from").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from", "2023-02-30", "not a date that exists")]
    [InlineData("from", "March 2023", "write YYYY-MM-DD")]
    [InlineData("to", "2023/03/31", "write YYYY-MM-DD")]
    public async Task A_day_that_is_not_a_date_is_refused_naming_its_field(string field, string text, string fix)
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var request = field == "from" ? Redate(text) : Redate("2023-03-01", text);

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(request));

        Assert.Contains(fix, rejected.For(field).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interval_that_ends_before_it_starts_is_refused_naming_to()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(Redate("2023-03-31", "2023-03-01")));

        Assert.Contains("swap them", rejected.For("to").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_precision_is_refused_listing_the_precisions()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(Redate("2023-03-01", precision: "fortnight")));

        Assert.Contains("day, week, month", rejected.For("precision").Message, StringComparison.Ordinal);
    }
}
