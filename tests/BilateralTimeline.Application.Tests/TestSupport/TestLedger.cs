using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Features.Verify.VerifyLog;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.EventStore.Sqlite;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Application.Tests.TestSupport;

/// <summary>An event as the log holds it, reduced to what proves it was not touched.</summary>
internal sealed record LoggedEvent(long Position, string Stream, long Revision, Guid EventId, string Type, DateTimeOffset Recorded, string RecordedBy, Guid? CorrelationId, string Hash);

/// <summary>
/// A real SQLite store in a fresh temporary directory, wired into the real container, so every test
/// goes file → reader → mediator → validation → handler → store as the CLI does.
/// </summary>
internal sealed class TestLedger : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly ServiceProvider _services;

    private TestLedger(string directory, ManualClock clock, SqliteEventStore store, ServiceProvider services)
    {
        Directory = directory;
        Clock = clock;
        Store = store;
        _services = services;
        Mediator = services.GetRequiredService<IMediator>();
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "ledger.db");

    public ManualClock Clock { get; }

    public SqliteEventStore Store { get; }

    public IMediator Mediator { get; }

    public static TestLedger Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bt-apptests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var clock = new ManualClock(Start);
        var store = SqliteEventStore.Open(Path.Combine(directory, "ledger.db"), clock);
        var services = new ServiceCollection()
            .AddBilateralTimeline()
            .AddSingleton<IEventStore>(store)
            .AddSingleton(new StoreCapabilities("sqlite", true))
            .BuildServiceProvider();
        return new TestLedger(directory, clock, store, services);
    }

    /// <summary>A ledger holding <see cref="Samples.Baseline"/>, the good file the rejection tests must leave intact.</summary>
    public static async Task<TestLedger> WithBaselineAsync()
    {
        var ledger = Create();
        await ledger.ImportAsync("baseline.claims.json", Samples.Baseline);
        return ledger;
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    public string Write(string name, JsonNode document) => Write(name, document.ToJsonString(Indented));

    public Task<ImportResult> ImportAsync(string name, string json)
    {
        Write(name, json);
        return ImportAsync(name);
    }

    public Task<ImportResult> ImportAsync(string name, JsonNode document)
    {
        Write(name, document);
        return ImportAsync(name);
    }

    public async Task<ImportResult> ImportAsync(string name) =>
        await Mediator.Send(ImportDocumentReader.Read(Path.Combine(Directory, name), "tester"));

    public Task<InputRejectedException> RejectsAsync(string name, JsonNode document)
    {
        Write(name, document);
        return RejectsAsync(name);
    }

    public Task<InputRejectedException> RejectsAsync(string name) =>
        Assert.ThrowsAsync<InputRejectedException>(() => ImportAsync(name));

    public async Task<IReadOnlyList<LoggedEvent>> LogAsync()
    {
        var events = new List<LoggedEvent>();
        await foreach (var e in Store.ReadAllAsync())
        {
            events.Add(new LoggedEvent(e.GlobalPosition, e.Stream, e.StreamRevision, e.EventId, e.Type, e.Recorded, e.Metadata.RecordedBy, e.Metadata.CorrelationId, Convert.ToHexStringLower(e.Hash.Span)));
        }
        return events;
    }

    /// <summary>Nothing was appended and nothing earlier changed: same events, same hashes, chain intact.</summary>
    public async Task AssertUnchangedSinceAsync(IReadOnlyList<LoggedEvent> before)
    {
        Assert.NotEmpty(before);
        var after = await LogAsync();
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before, after);
        var verification = await Mediator.Send(new VerifyLog());
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(before[^1].Position, verification.LastPosition);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Store.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test over it would hide the real result.
        }
    }
}
