using BilateralTimeline.Application.Features.Corrections.RetractClaim;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Features.Occurrences.IdentifyOccurrence;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Tests.Ledger;

/// <summary>
/// The conflict policy of the one write path, on a real SQLite file shared by several "processes"
/// (each its own store connection and container): without an expected revision a write that loses a
/// race is decided again and lands; with one it is a conflict; a real clash is refused.
/// </summary>
public sealed class OneWritePathTests
{
    private const int Writers = 8;

    /// <summary>What one <see cref="Samples.BaselineWithIds"/> file appends: a source, two occurrences, two claims and their links.</summary>
    private const int EventsPerFile = 7;

    private static readonly DyadId Dyad = DyadId.Parse("AZE-IRN");

    /// <summary>Pauses short enough that the bounded-retry test does not wait.</summary>
    private static readonly WriteRetryPolicy Quick = new(5, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), TimeProvider.System);

    [Fact]
    public async Task Eight_imports_of_different_files_from_eight_processes_into_one_dyad_all_land()
    {
        await using var ledger = TestLedger.Create();
        var processes = Enumerable.Range(0, Writers).Select(_ => OtherProcess.Open(ledger)).ToList();
        try
        {
            var requests = Enumerable.Range(0, Writers).Select(i => ImportDocumentReader.Read(ledger.Write($"p{i}.claims.json", Samples.BaselineWithIds($"p{i}")), $"analyst-{i}")).ToList();

            var results = await Task.WhenAll(processes.Select((p, i) => p.Mediator.Send(requests[i])));

            Assert.All(results, r => Assert.Equal(EventsPerFile, r.EventsAppended));
            var view = await LedgerView.LoadAsync(ledger.Store, Dyad, null, CancellationToken.None);
            Assert.Equal(Enumerable.Range(0, Writers).SelectMany(i => new[] { $"c-closure-p{i}", $"c-moscow-p{i}" }).Order(), view.Claims.Keys.Order());
            Assert.Equal(Writers * EventsPerFile, (await ledger.LogAsync()).Count);

            // Still one file, one append each, and idempotent after the race.
            var again = await Task.WhenAll(processes.Select((p, i) => p.Mediator.Send(requests[i])));
            Assert.All(again, r => Assert.Equal(0, r.EventsAppended));
            await ledger.AssertUnchangedSinceAsync(await ledger.LogAsync());
        }
        finally
        {
            foreach (var p in processes)
            {
                await p.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Eight_retracts_of_different_claims_from_eight_processes_all_land()
    {
        await using var ledger = await LedgerWithEightClaimsAsync();
        var claims = EightClaims();
        var processes = Enumerable.Range(0, Writers).Select(_ => OtherProcess.Open(ledger)).ToList();
        try
        {
            var before = (await ledger.LogAsync()).Count;

            var results = await Task.WhenAll(processes.Select((p, i) => p.Mediator.Send(new RetractClaim("AZE-IRN", claims[i], "desk review", $"analyst-{i}"))));

            Assert.All(results, r => Assert.Equal(1, r.EventsAppended));
            var view = await LedgerView.LoadAsync(ledger.Store, Dyad, null, CancellationToken.None);
            Assert.All(claims, c => Assert.True(view.Claims[c].Retracted, c));
            Assert.Equal(before + Writers, (await ledger.LogAsync()).Count);
        }
        finally
        {
            foreach (var p in processes)
            {
                await p.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Eight_retracts_sharing_one_expected_revision_exactly_one_lands_the_others_conflict()
    {
        await using var ledger = await LedgerWithEightClaimsAsync();
        var claims = EightClaims();
        var processes = Enumerable.Range(0, Writers).Select(_ => OtherProcess.Open(ledger)).ToList();
        try
        {
            var revision = (await ledger.LogAsync())[^1].Revision;

            var outcomes = await Task.WhenAll(processes.Select(async (p, i) =>
            {
                try
                {
                    await p.Mediator.Send(new RetractClaim("AZE-IRN", claims[i], "desk review", $"analyst-{i}", revision));
                    return "landed";
                }
                catch (WrongExpectedRevisionException)
                {
                    return "conflict";
                }
            }));

            Assert.Equal(1, outcomes.Count(o => o == "landed"));
            Assert.Equal(Writers - 1, outcomes.Count(o => o == "conflict"));
            var view = await LedgerView.LoadAsync(ledger.Store, Dyad, null, CancellationToken.None);
            Assert.Equal([claims[Array.IndexOf(outcomes, "landed")]], claims.Where(c => view.Claims[c].Retracted));
        }
        finally
        {
            foreach (var p in processes)
            {
                await p.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_write_without_a_revision_that_loses_a_race_is_decided_again_on_the_newer_ledger_and_lands()
    {
        await using var ledger = await LedgerWithEightClaimsAsync();
        await using var rival = OtherProcess.Open(ledger);
        var store = new RacingStore(ledger.Store, n => n == 1 ? rival.Mediator.Send(new RetractClaim("AZE-IRN", "c-moscow-p0", "the rival's", "rival")) : Task.CompletedTask);

        var written = await new LedgerCommandService(store, Quick).WriteAsync(RetractWrite("c-closure-p0", expectedRevision: null), CancellationToken.None);

        Assert.Equal(2, written.Attempts);
        Assert.Equal(1, written.EventsAppended);
        var view = await LedgerView.LoadAsync(ledger.Store, Dyad, null, CancellationToken.None);
        Assert.True(view.Claims["c-closure-p0"].Retracted);
        Assert.True(view.Claims["c-moscow-p0"].Retracted);
    }

    [Fact]
    public async Task A_write_with_an_expected_revision_that_loses_a_race_is_a_conflict_and_is_not_retried()
    {
        await using var ledger = await LedgerWithEightClaimsAsync();
        await using var rival = OtherProcess.Open(ledger);
        var store = new RacingStore(ledger.Store, n => n == 1 ? rival.Mediator.Send(new RetractClaim("AZE-IRN", "c-moscow-p0", "the rival's", "rival")) : Task.CompletedTask);
        var revision = (await ledger.LogAsync())[^1].Revision;

        var conflict = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => new LedgerCommandService(store, Quick).WriteAsync(RetractWrite("c-closure-p0", revision), CancellationToken.None));

        Assert.Equal(revision + 1, conflict.Actual);
        Assert.Equal(1, store.Appends);
        var view = await LedgerView.LoadAsync(ledger.Store, Dyad, null, CancellationToken.None);
        Assert.False(view.Claims["c-closure-p0"].Retracted);
    }

    [Fact]
    public async Task A_write_whose_claim_the_winner_retracted_is_refused_as_a_real_clash_not_retried()
    {
        await using var ledger = await LedgerWithEightClaimsAsync();
        await using var rival = OtherProcess.Open(ledger);
        var store = new RacingStore(ledger.Store, n => n == 1 ? rival.Mediator.Send(new RetractClaim("AZE-IRN", "c-closure-p0", "the rival's reason", "rival")) : Task.CompletedTask);

        var refused = await Assert.ThrowsAsync<InputRejectedException>(() => new LedgerCommandService(store, Quick).WriteAsync(RetractWrite("c-closure-p0", expectedRevision: null), CancellationToken.None));

        Assert.Contains(refused.Errors, e => e.Message.Contains("already retracted", StringComparison.Ordinal));
        Assert.Equal(1, store.Appends);
    }

    [Fact]
    public async Task Retries_are_bounded_a_writer_that_always_loses_reports_the_conflict_after_the_last_attempt()
    {
        await using var ledger = await LedgerWithEightClaimsAsync();
        await using var rival = OtherProcess.Open(ledger);
        var store = new RacingStore(ledger.Store, n => rival.Mediator.Send(new IdentifyOccurrence("AZE-IRN", new OccurrenceDto($"occ-rival-{n}", $"rival occurrence {n}"), "rival")));

        await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => new LedgerCommandService(store, Quick).WriteAsync(RetractWrite("c-closure-p0", expectedRevision: null), CancellationToken.None));

        Assert.Equal(Quick.MaxAttempts, store.Appends);
        var view = await LedgerView.LoadAsync(ledger.Store, Dyad, null, CancellationToken.None);
        Assert.False(view.Claims["c-closure-p0"].Retracted);
    }

    [Fact]
    public void Pauses_between_attempts_are_random_within_a_cap_that_doubles_up_to_its_limit()
    {
        var policy = new WriteRetryPolicy(25, TimeSpan.FromMilliseconds(4), TimeSpan.FromMilliseconds(250), TimeProvider.System);
        var random = new Random(12);

        var caps = Enumerable.Range(2, 10).Select(attempt => Enumerable.Range(0, 400).Select(_ => policy.PauseBefore(attempt, random)).ToList()).ToList();

        for (var i = 0; i < caps.Count; i++)
        {
            var cap = TimeSpan.FromMilliseconds(Math.Min(250, 4 << i));
            Assert.All(caps[i], pause => Assert.InRange(pause, TimeSpan.Zero, cap));
            // Spread over the whole range, not in step: racing writers must stop meeting each other.
            Assert.True(caps[i].Max() > cap * 0.8 && caps[i].Min() < cap * 0.2, $"attempt {i + 2}: {caps[i].Min()}..{caps[i].Max()} of {cap}");
        }
    }

    private static LedgerWrite RetractWrite(string claim, long? expectedRevision) =>
        new(Dyad, [new PlannedCommand("", new RetractClaimCommand(claim, "desk review"))], "analyst", expectedRevision);

    private static List<string> EightClaims() =>
        Enumerable.Range(0, Writers / 2).SelectMany(i => new[] { $"c-closure-p{i}", $"c-moscow-p{i}" }).ToList();

    private static async Task<TestLedger> LedgerWithEightClaimsAsync()
    {
        var ledger = TestLedger.Create();
        for (var i = 0; i < Writers / 2; i++)
        {
            await ledger.ImportAsync($"p{i}.claims.json", Samples.BaselineWithIds($"p{i}"));
        }
        return ledger;
    }
}
