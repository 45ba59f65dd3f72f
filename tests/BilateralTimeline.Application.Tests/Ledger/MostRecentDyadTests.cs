using System.Text;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Tests.Ledger;

/// <summary>
/// The default dyad is found without reading the log: each query is bounded (so PostgreSQL is sent a
/// LIMIT, not asked for the whole history), and only the events newer than the last dyad event are read.
/// </summary>
public sealed class MostRecentDyadTests
{
    private static readonly DyadId Older = DyadId.Parse("ARM-AZE");

    private static readonly DyadId Newer = DyadId.Parse("AZE-IRN");

    [Fact]
    public async Task A_long_history_is_not_read_to_find_the_newest_dyad()
    {
        await using var ledger = TestLedger.Create();
        await AppendAsync(ledger.Store, Older.StreamName, 500);
        await AppendAsync(ledger.Store, Newer.StreamName, 500);
        var store = new CountingStore(ledger.Store);

        var found = await LedgerReader.MostRecentDyadAsync(store, CancellationToken.None);

        Assert.Equal(Newer, found);
        Assert.Equal(1, store.EventsRead);
        Assert.InRange(store.LargestAllRead, 1, LedgerReader.MostRecentDyadPage + 1);
    }

    [Fact]
    public async Task Newer_events_of_other_streams_are_paged_through_up_to_the_last_dyad_event()
    {
        await using var ledger = TestLedger.Create();
        await AppendAsync(ledger.Store, Older.StreamName, 300);
        await AppendAsync(ledger.Store, Newer.StreamName, 1);
        // More than two pages of events that belong to no dyad, each its own append.
        var others = (LedgerReader.MostRecentDyadPage * 2) + 7;
        for (var i = 0; i < others; i++)
        {
            await AppendAsync(ledger.Store, "keys-k" + i, 1);
        }
        var store = new CountingStore(ledger.Store);

        var found = await LedgerReader.MostRecentDyadAsync(store, CancellationToken.None);

        Assert.Equal(Newer, found);
        // Each resumed page hands the previous page's last event out again (and it is skipped).
        Assert.InRange(store.EventsRead, others + 1, others + 1 + 2);
        Assert.InRange(store.LargestAllRead, 1, LedgerReader.MostRecentDyadPage + 1);
    }

    [Fact]
    public async Task A_log_without_any_dyad_has_no_default_dyad()
    {
        await using var ledger = TestLedger.Create();
        await AppendAsync(ledger.Store, "keys-k", LedgerReader.MostRecentDyadPage + 3);
        var store = new CountingStore(ledger.Store);

        await using var empty = TestLedger.Create();

        Assert.Null(await LedgerReader.MostRecentDyadAsync(store, CancellationToken.None));
        Assert.InRange(store.EventsRead, LedgerReader.MostRecentDyadPage + 3, LedgerReader.MostRecentDyadPage + 4);
        Assert.Null(await LedgerReader.MostRecentDyadAsync(new CountingStore(empty.Store), CancellationToken.None));
    }

    private static Task<AppendResult> AppendAsync(IEventStore store, string stream, int count) =>
        store.AppendAsync(stream, ExpectedRevision.Any, Enumerable.Range(0, count)
            .Select(i => new EventData(Guid.NewGuid(), "test-event/v1", Encoding.UTF8.GetBytes($$"""{"n":{{i}}}"""), new EventMetadata("test")))
            .ToList());
}
