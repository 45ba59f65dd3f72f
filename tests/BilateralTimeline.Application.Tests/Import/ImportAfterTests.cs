using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Application.Tests.Import;

/// <summary>
/// `bt import` of many files checks the next file while the one before it is written: a file sent with
/// <see cref="ImportLedgerFile.After"/> is validated at once but written only when that completes true,
/// and never when it completes false (the file before it failed), so files land in order and none after a failure.
/// </summary>
public sealed class ImportAfterTests : IAsyncLifetime
{
    private TestLedger _ledger = null!;

    public Task InitializeAsync()
    {
        _ledger = TestLedger.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task A_file_waiting_for_the_one_before_it_is_checked_at_once()
    {
        // Given a bad file whose turn never comes
        var bad = JsonNode.Parse(Samples.Baseline)!;
        bad["claims"]![0]!["confidence"]!["credibility"] = 9;
        var path = _ledger.Write("bad.claims.json", bad);
        var never = new TaskCompletionSource<bool>();

        // When it is sent, then it is refused without waiting
        var refusal = await Assert.ThrowsAsync<InputRejectedException>(() => _ledger.Mediator.Send(ImportDocumentReader.Read(path, "tester") with { After = never.Task }));
        Assert.Contains(refusal.Errors, e => e.Field == "claims[0].confidence.credibility");
        Assert.Empty(await _ledger.LogAsync());
    }

    [Fact]
    public async Task A_good_file_is_written_only_once_the_one_before_it_has_landed()
    {
        // Given a good file sent while the one before it is still being written
        var path = _ledger.Write("good.claims.json", Samples.Baseline);
        var before = new TaskCompletionSource<bool>();
        var sending = _ledger.Mediator.Send(ImportDocumentReader.Read(path, "tester") with { After = before.Task });

        // Then nothing is stored until the one before it lands
        await Task.Delay(200);
        Assert.False(sending.IsCompleted);
        Assert.Empty(await _ledger.LogAsync());

        // When it lands, the file is written
        before.SetResult(true);
        var result = await sending;
        Assert.True(result.EventsAppended > 0);
        Assert.Equal(result.EventsAppended, (await _ledger.LogAsync()).Count);
    }

    [Fact]
    public async Task A_file_after_one_that_failed_is_not_written()
    {
        // Given a good file sent after a file whose write failed
        var path = _ledger.Write("good.claims.json", Samples.Baseline);
        var failed = Task.FromResult(false);

        // When it is sent, then it is not written
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _ledger.Mediator.Send(ImportDocumentReader.Read(path, "tester") with { After = failed }));
        Assert.Empty(await _ledger.LogAsync());
    }
}
