using BilateralTimeline.Application.Features.Events.ListEvents;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Application.Tests.Validation;

public sealed class ValidationBehaviorTests
{
    [Fact]
    public async Task Listing_events_with_max_zero_is_rejected_on_max_before_the_handler_runs()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(new ListEvents(0, 0)));

        Assert.Equal("max", Assert.Single(rejected.Errors).Field);
    }

    [Fact]
    public async Task Listing_events_from_a_negative_position_is_rejected_on_from()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(new ListEvents(-1, 10)));

        Assert.Equal("from", Assert.Single(rejected.Errors).Field);
    }

    [Fact]
    public async Task Listing_events_with_valid_bounds_reaches_the_handler()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var log = await ledger.LogAsync();

        var lines = await ledger.Mediator.Send(new ListEvents(2, 3));

        Assert.Equal(log.Skip(1).Take(3).Select(e => (e.Position, e.EventId)), lines.Select(l => (l.Position, l.EventId)));
    }

    [Fact]
    public async Task Field_paths_use_the_camel_case_names_of_the_file()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var file = Samples.Parse(Samples.Denial);
        file.Remove("formatVersion");
        Samples.DenialClaim(file)["confidence"]!["credibility"] = 9;
        Samples.DenialClaim(file)["occurred"]!["candidates"]![0]!["precision"] = "fortnight";

        var rejected = await ledger.RejectsAsync("denial.claims.json", file);

        rejected.For("formatVersion");
        rejected.For("claims[0].confidence.credibility");
        rejected.For("claims[0].occurred.candidates[0].precision");
        Assert.All(rejected.Errors, e => Assert.All(
            e.Field.Split('.'),
            segment => Assert.True(char.IsLower(segment[0]), $"'{e.Field}' has a segment that is not camelCase")));
    }
}
