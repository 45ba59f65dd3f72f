using BilateralTimeline.Application.Features.Stores.CopyHistory;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.EventStore.Sqlite;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Application.Tests.Stores;

/// <summary>
/// The copy use case through the real container: a SQLite file holding the baseline import as the
/// source, SQLite files (which take a history verbatim) and in-memory logs (which do not) as targets.
/// </summary>
public sealed class CopyHistoryTests : IAsyncLifetime
{
    private readonly InMemoryStoreAdapter _memory = new();
    private TestLedger _source = null!;
    private ServiceProvider _services = null!;

    private IMediator Mediator => _services.GetRequiredService<IMediator>();

    public async Task InitializeAsync()
    {
        _source = await TestLedger.WithBaselineAsync();
        _services = new ServiceCollection()
            .AddBilateralTimeline()
            .AddSingleton<IStoreCatalog>(new TestStoreCatalog(_memory))
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _source.DisposeAsync();
    }

    [Fact]
    public async Task A_copy_between_two_sqlite_files_is_verbatim_keeping_ids_positions_times_and_hashes()
    {
        var target = Path.Combine(_source.Directory, "copy.db");

        var copy = await Mediator.Send(new CopyHistory(Sqlite(_source.DatabasePath), Sqlite(target)));

        Assert.True(copy.Verbatim);
        Assert.True(copy.IsIntact, copy.TargetCheck?.Problem);
        Assert.Null(copy.SourceCheck);
        var before = await ReadAllAsync(_source.Store);
        await using var copied = SqliteEventStore.Open(target, TimeProvider.System);
        Assert.Equal(before.Count, copy.Copied);
        Assert.Equal(before.Select(Verbatim), (await ReadAllAsync(copied)).Select(Verbatim));
        Assert.Equal($"sqlite {Path.GetFullPath(target)}", copy.To);
    }

    [Fact]
    public async Task A_copy_into_a_store_that_cannot_take_a_history_verbatim_is_re_appended_after_the_source_verifies()
    {
        var copy = await Mediator.Send(new CopyHistory(Sqlite(_source.DatabasePath), Memory("target")));

        Assert.False(copy.Verbatim);
        Assert.True(copy.SourceCheck is { IsIntact: true }, copy.SourceCheck?.Problem);
        Assert.True(copy.IsIntact, copy.TargetCheck?.Problem);
        var before = await ReadAllAsync(_source.Store);
        await using var target = await _memory.OpenAsync(new StoreAddress("target"), TimeProvider.System);
        Assert.Equal(before.Select(Content), (await ReadAllAsync(target)).Select(Content));
    }

    [Fact]
    public async Task A_source_that_does_not_verify_is_not_re_appended_and_the_target_stays_empty()
    {
        await Mediator.Send(new CopyHistory(Sqlite(_source.DatabasePath), Memory("damaged")));
        _memory.LogOf("damaged").AlterData(3);

        var copy = await Mediator.Send(new CopyHistory(Memory("damaged"), Memory("target")));

        Assert.Null(copy.TargetCheck);
        Assert.False(copy.IsIntact);
        Assert.Equal(3, copy.SourceCheck!.FirstBrokenPosition);
        Assert.Equal(0, copy.Copied);
        await using var target = await _memory.OpenAsync(new StoreAddress("target"), TimeProvider.System);
        Assert.Empty(await ReadAllAsync(target));
    }

    [Fact]
    public async Task A_verbatim_copy_of_a_damaged_source_is_refused_at_the_broken_position_and_writes_nothing()
    {
        await Mediator.Send(new CopyHistory(Sqlite(_source.DatabasePath), Memory("damaged")));
        _memory.LogOf("damaged").AlterData(3);
        var target = Path.Combine(_source.Directory, "copy.db");

        var refused = await Assert.ThrowsAsync<CorruptEventException>(() => Mediator.Send(new CopyHistory(Memory("damaged"), Sqlite(target))));

        Assert.Equal(3, refused.GlobalPosition);
        await using var copied = SqliteEventStore.Open(target, TimeProvider.System);
        Assert.Empty(await ReadAllAsync(copied));
    }

    [Fact]
    public async Task Copying_a_store_onto_itself_is_refused_as_bad_input_however_its_path_is_spelled()
    {
        var count = (await ReadAllAsync(_source.Store)).Count;
        var samePlace = Path.Combine(_source.Directory, ".", "ledger.db");

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => Mediator.Send(new CopyHistory(Sqlite(_source.DatabasePath), Sqlite(samePlace))));

        Assert.Contains("is the source itself", rejected.For("to").Message, StringComparison.Ordinal);
        Assert.Equal(count, (await ReadAllAsync(_source.Store)).Count);
    }

    [Fact]
    public async Task An_unknown_store_kind_is_refused_naming_the_kinds_there_are()
    {
        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => Mediator.Send(new CopyHistory(new StoreLocator("mysql", new StoreAddress("db")), Memory("target"))));

        Assert.Contains("sqlite, memory", rejected.For("from").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_counts_the_events_copied_against_the_source_s_last_position()
    {
        var reports = new List<CopyProgress>();
        var last = (await ReadAllAsync(_source.Store))[^1].GlobalPosition;

        var copy = await Mediator.Send(new CopyHistory(Sqlite(_source.DatabasePath), Memory("target")) { Progress = new Collect(reports) });

        Assert.NotEmpty(reports);
        Assert.Equal(new CopyProgress(copy.Copied, last), reports[^1]);
    }

    private static StoreLocator Sqlite(string path) => new("sqlite", new StoreAddress(path));

    private static StoreLocator Memory(string name) => new("memory", new StoreAddress(name));

    private static async Task<List<RecordedEvent>> ReadAllAsync(IEventStore store) => await store.ReadAllAsync().ToListAsync();

    private static string Verbatim(RecordedEvent e) => $"{e.GlobalPosition} {Content(e)} {e.Recorded:O} {Convert.ToHexString(e.Hash.Span)}";

    private static string Content(RecordedEvent e) => $"{e.Stream}@{e.StreamRevision} {e.EventId} {e.Type} {Convert.ToHexString(e.Data.Span)}";

    private sealed class Collect(List<CopyProgress> into) : IProgress<CopyProgress>
    {
        public void Report(CopyProgress value) => into.Add(value);
    }
}
