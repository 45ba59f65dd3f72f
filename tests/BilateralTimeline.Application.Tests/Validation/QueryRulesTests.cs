using BilateralTimeline.Application.Features.Actors.ListActors;
using BilateralTimeline.Application.Features.Contradictions.ListContradictions;
using BilateralTimeline.Application.Features.Explain.ExplainOccurrence;
using BilateralTimeline.Application.Features.Export.ExportLedger;
using BilateralTimeline.Application.Features.Projections.RebuildDeciderIndex;
using BilateralTimeline.Application.Features.Revision.GetLedgerRevision;
using BilateralTimeline.Application.Features.Sensitivity.RankSensitivity;
using BilateralTimeline.Application.Features.Sources.GetSourceText;
using BilateralTimeline.Application.Features.Sources.ListSources;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Features.Trace.TraceClaim;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Application.Validation;
using MediatR;

namespace BilateralTimeline.Application.Tests.Validation;

/// <summary>
/// Every query that takes a dyad or a known-at time has a validator in the pipeline, so a bad one is
/// refused with the field and the fix before the store is read, listed with the request's other problems.
/// Before, the dyad was read by the handler and a future known-at was only noticed after the ledger was found.
/// </summary>
public sealed class QueryRulesTests
{
    /// <summary>The container's clock is the system's (the test ledger's manual clock only stamps the store), so "future" is far off.</summary>
    private static readonly DateTimeOffset Future = new(2999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> TakingADyad => [.. Queries.Keys, nameof(GetLedgerRevision), nameof(RebuildDeciderIndex)];

    public static TheoryData<string> TakingAKnownAt => [.. Queries.Keys];

    private static readonly Dictionary<string, Func<IMediator, string?, DateTimeOffset?, Task>> Queries = new()
    {
        [nameof(ListActors)] = (m, d, t) => m.Send(new ListActors(d, null, t)),
        [nameof(ExportLedger)] = (m, d, t) => m.Send(new ExportLedger(d, null, t)),
        [nameof(RankSensitivity)] = (m, d, t) => m.Send(new RankSensitivity(d, null, t)),
        [nameof(GetTimeline)] = (m, d, t) => m.Send(new GetTimeline(d, null, t)),
        [nameof(GetRelationshipState)] = (m, d, t) => m.Send(new GetRelationshipState(d, null, t)),
        [nameof(ListSources)] = (m, d, t) => m.Send(new ListSources(d, t)),
        [nameof(ListContradictions)] = (m, d, t) => m.Send(new ListContradictions(d, t, false)),
        [nameof(TraceClaim)] = (m, d, t) => m.Send(new TraceClaim("c-closure", d, t)),
        [nameof(ExplainOccurrence)] = (m, d, t) => m.Send(new ExplainOccurrence("occ-closure", d, null, t)),
        [nameof(GetSourceText)] = (m, d, t) => m.Send(new GetSourceText("src-1", d, t)),
    };

    private static Task Send(IMediator mediator, string query, string? dyad, DateTimeOffset? knownAt) => query switch
    {
        nameof(GetLedgerRevision) => mediator.Send(new GetLedgerRevision(dyad)),
        nameof(RebuildDeciderIndex) => mediator.Send(new RebuildDeciderIndex(dyad)),
        _ => Queries[query](mediator, dyad, knownAt),
    };

    [Theory]
    [MemberData(nameof(TakingADyad))]
    public async Task A_dyad_that_is_not_one_is_refused_in_the_pipeline_naming_dyad_and_how_to_write_one(string query)
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => Send(ledger.Mediator, query, "AZEIRN", null));

        Assert.Contains("e.g. AZE-IRN", rejected.For("dyad").Message, StringComparison.Ordinal);
        Assert.Equal("1 problem(s) in the input", rejected.Summary);
    }

    [Theory]
    [MemberData(nameof(TakingAKnownAt))]
    public async Task A_known_at_in_the_future_is_refused_before_the_store_is_asked_for_a_ledger(string query)
    {
        // An empty store: a handler would first say there is no ledger; the pipeline names the real mistake.
        await using var ledger = TestLedger.Create();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => Send(ledger.Mediator, query, null, Future));

        Assert.Contains("is in the future; leave it out", rejected.For("knownAt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_at_later_today_is_still_askable()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var actors = await ledger.Mediator.Send(new ListActors(null, null, QueryRules<object>.EndOfToday(TimeProvider.System)));

        Assert.Equal("AZE-IRN", actors.Dyad);
    }

    [Fact]
    public async Task A_bad_dyad_and_a_future_known_at_are_both_listed()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(new GetTimeline("AZEIRN", null, Future)));

        Assert.Equal(["dyad", "knownAt"], rejected.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}
