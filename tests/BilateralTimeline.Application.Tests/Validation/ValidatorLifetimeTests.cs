using BilateralTimeline.Application.Features.Claims.RecordClaim;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Tests.TestSupport;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Application.Tests.Validation;

/// <summary>
/// Validators are built once per process: building one compiles its rules, which in `bt serve` cost more
/// per request than the state question itself. Shared, they must still answer each request alone.
/// </summary>
public sealed class ValidatorLifetimeTests
{
    [Fact]
    public async Task Every_request_of_a_process_is_checked_by_one_validator_built_once()
    {
        await using var ledger = TestLedger.Create();
        await using var services = Services(ledger);

        using var first = services.CreateScope();
        using var second = services.CreateScope();

        Assert.Same(
            first.ServiceProvider.GetRequiredService<IValidator<GetRelationshipState>>(),
            second.ServiceProvider.GetRequiredService<IValidator<GetRelationshipState>>());
        Assert.Same(services.GetRequiredService<IValidator<RecordClaim>>(), services.GetRequiredService<IValidator<RecordClaim>>());
    }

    [Fact]
    public async Task A_shared_validator_checking_requests_at_once_names_each_requests_own_fields()
    {
        await using var ledger = TestLedger.Create();
        await using var services = Services(ledger);
        var validator = services.GetRequiredService<IValidator<GetRelationshipState>>();

        var answers = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
        {
            var bad = i % 2 == 0;
            var result = validator.Validate(new GetRelationshipState(bad ? "not a dyad" : "AZE-IRN", new DateOnly(2024, 1, 1), null, Limit: bad ? 10 : -1));
            return (bad, fields: result.Errors.Select(e => e.PropertyName).OrderBy(f => f, StringComparer.Ordinal).ToArray());
        })));

        foreach (var (bad, fields) in answers)
        {
            Assert.Equal(bad ? ["dyad"] : new[] { "limit" }, fields);
        }
    }

    private static ServiceProvider Services(TestLedger ledger) =>
        new ServiceCollection()
            .AddBilateralTimeline()
            .AddSingleton<IEventStore>(ledger.Store)
            .AddSingleton(new StoreCapabilities("sqlite", true))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
}
