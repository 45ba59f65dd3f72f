using System.Text;
using System.Text.Json;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ledger.DeciderIndex;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// The full fold is the oracle: on random ledgers (every event kind, written by the real decider) and
/// random batches of commands (valid, refused, repeated), a write decided through the decider index and
/// the events after it, or through the in-process copy, decides exactly as the whole stream folded: the
/// same events to the byte, or the same refusals word for word. Also when the index lags the log, and
/// when the index or the remembered state does not match the log (it must be ignored, never trusted).
/// An adapter's test project inherits this with its real store.
/// </summary>
public abstract class DeciderIndexProperties
{
    private static readonly DyadId Dyad = DyadId.Of("AZE", "IRN");

    private static readonly WriteRetryPolicy Quick = new(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), TimeProvider.System);

    /// <summary>A fresh, empty event store and the projection store in its database; disposing the pair cleans up.</summary>
    protected abstract Task<StorePair> CreateAsync();

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 12));

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Writes_decided_through_the_index_and_its_tail_equal_the_full_fold(int seed)
    {
        var random = new Random(seed);
        var generate = new LedgerCommandGenerator(random, claimPool: random.Next(4, 12));
        await using var stores = await CreateAsync();
        var index = new DeciderIndexStore(stores.Events, stores.Projections);
        await AppendDirectlyAsync(stores.Events, generate, random.Next(10, 60));
        if (random.Next(2) == 0)
        {
            await index.RebuildAsync(Dyad, CancellationToken.None);
        }
        var service = new LedgerCommandService(stores.Events, Quick, stores.Projections);
        var tampered = 0;
        var lagging = 0;
        for (var step = 0; step < 60; step++)
        {
            var situation = random.Next(10);
            if (situation < 2)
            {
                // Another program appended without catching the index up: the next write folds a tail.
                await AppendDirectlyAsync(stores.Events, generate, random.Next(1, 8));
                lagging++;
            }
            else if (situation == 2 && await TamperAsync(stores, random))
            {
                tampered++;
            }

            var commands = generate.Batch();
            var expected = await OracleAsync(stores.Events, commands);
            var actual = await WriteAsync(service, commands);

            Assert.True(expected == actual, $"seed {seed} step {step}: {Describe(commands)}\nfull fold: {expected}\nindex:     {actual}");
            await AssertIndexMatchesLogAsync(stores);
        }
        Assert.True(lagging > 0 || tampered > 0 || seed % 5 == 0, $"seed {seed} never exercised a tail or a tampered index");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Writes_decided_through_the_in_process_copy_equal_the_full_fold_even_when_the_log_is_swapped_underneath(int seed)
    {
        var random = new Random(seed);
        var generate = new LedgerCommandGenerator(random, claimPool: random.Next(4, 12));
        await using var first = await CreateAsync();
        await using var second = await CreateAsync();
        await AppendDirectlyAsync(first.Events, generate, random.Next(10, 60));
        await AppendDirectlyAsync(second.Events, generate, random.Next(10, 60));
        // The same service over a log that another one replaces at random steps (a restored backup, a rewritten file).
        var log = new SwappableStore(first.Events);
        var service = new LedgerCommandService(log, Quick);
        for (var step = 0; step < 60; step++)
        {
            switch (random.Next(8))
            {
                case 0 or 1:
                    await AppendDirectlyAsync(log.Current, generate, random.Next(1, 8));
                    break;
                case 2:
                    log.Current = log.Current == first.Events ? second.Events : first.Events;
                    break;
            }
            var commands = generate.Batch();
            var expected = await OracleAsync(log.Current, commands);
            var actual = await WriteAsync(service, commands);

            Assert.True(expected == actual, $"seed {seed} step {step}: {Describe(commands)}\nfull fold: {expected}\ncopy:      {actual}");
        }
    }

    /// <summary>Events the real decider makes of random commands, appended as another program would: no index kept.</summary>
    private static async Task AppendDirectlyAsync(IEventStore store, LedgerCommandGenerator generate, int commands)
    {
        var (state, revision) = await LedgerReader.LoadStateAsync(store, Dyad, CancellationToken.None);
        var events = new List<ILedgerEvent>();
        for (var i = 0; i < commands; i++)
        {
            foreach (var e in LedgerDecider.DecideAll(state, revision < 0 && i == 0 ? generate.Start() : generate.Batch(), (_, _) => { }))
            {
                state = LedgerState.Evolve(state, e);
                events.Add(e);
            }
        }
        if (events.Count > 0)
        {
            var metadata = new EventMetadata("other program", Guid.NewGuid());
            await store.AppendAsync(Dyad.StreamName, revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision),
                events.Select(e => new EventData(Guid.NewGuid(), EventTypes.NameOf(e), EventSerializer.Serialize(e), metadata)).ToList());
        }
    }

    /// <summary>
    /// Changes the stored index behind the writer's back so that it no longer matches the log: a wrong hash,
    /// a head pointing at another event, or a row changed with the hash made up. False when there is no index yet.
    /// </summary>
    private static async Task<bool> TamperAsync(StorePair stores, Random random)
    {
        var name = DeciderIndexStore.ProjectionName(Dyad);
        if (await stores.Projections.ReadCheckpointAsync(name, DeciderIndexStore.Format) is not { Position: > 0 } checkpoint)
        {
            return false;
        }
        var revision = checkpoint.Position - 1;
        var hash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());
        var changes = new List<ProjectionRowChange>();
        switch (random.Next(3))
        {
            case 0:
                break;
            case 1 when revision > 0:
                // A real hash, of another event.
                var other = await stores.Events.ReadStreamAsync(Dyad.StreamName, ReadDirection.Forwards, random.NextInt64(revision), 1).FirstAsync();
                hash = Convert.ToHexStringLower(other.Hash.Span);
                break;
            default:
                var rows = await stores.Projections.ReadRowsAsync(name, DeciderIndexStore.Format);
                var claims = rows.Where(r => r.Key.StartsWith("c:", StringComparison.Ordinal)).ToList();
                if (claims.Count > 0)
                {
                    changes.Add(new ProjectionRowChange(claims[random.Next(claims.Count)].Key, null));
                }
                break;
        }
        changes.Add(new ProjectionRowChange(DeciderIndexStore.HeadKey, JsonSerializer.Serialize(new { Revision = revision, Hash = hash })));
        await stores.Projections.CommitAsync(name, DeciderIndexStore.Format, checkpoint.Position, checkpoint.Position, changes);
        return true;
    }

    /// <summary>After every write the index is whole again: its head names an event of the log with that event's hash.</summary>
    private static async Task AssertIndexMatchesLogAsync(StorePair stores)
    {
        var head = (await stores.Projections.ReadRowsByKeysAsync(DeciderIndexStore.ProjectionName(Dyad), DeciderIndexStore.Format, [DeciderIndexStore.HeadKey])).SingleOrDefault();
        if (head is null)
        {
            return;
        }
        using var document = JsonDocument.Parse(head.Document);
        var revision = document.RootElement.GetProperty("Revision").GetInt64();
        var hash = document.RootElement.GetProperty("Hash").GetString();
        var at = await stores.Events.ReadStreamAsync(Dyad.StreamName, ReadDirection.Forwards, revision, 1).FirstAsync();
        Assert.Equal(Convert.ToHexStringLower(at.Hash.Span), hash);
    }

    /// <summary>The whole stream folded and the batch decided on it: the events, or every refusal with its field and words.</summary>
    private static async Task<string> OracleAsync(IEventStore store, IReadOnlyList<LedgerCommand> commands)
    {
        var (state, _) = await LedgerReader.LoadStateAsync(store, Dyad, CancellationToken.None);
        var refusals = new List<string>();
        var events = LedgerDecider.DecideAll(state, commands, (i, violation) => refusals.Add($"c{i}.{violation.Field}: {violation.Message}"));
        return refusals.Count > 0 ? "refused " + string.Join(" | ", refusals) : Events(events);
    }

    private static async Task<string> WriteAsync(LedgerCommandService service, IReadOnlyList<LedgerCommand> commands)
    {
        try
        {
            var result = await service.WriteAsync(new LedgerWrite(Dyad, commands.Select((c, i) => new PlannedCommand($"c{i}", c)).ToList(), "property", null), CancellationToken.None);
            return Events(result.Decided);
        }
        catch (InputRejectedException e)
        {
            return "refused " + string.Join(" | ", e.Errors.Select(x => $"{x.Field}: {x.Message}"));
        }
    }

    private static string Events(IReadOnlyList<ILedgerEvent> events) =>
        "events " + string.Join(" | ", events.Select(e => $"{EventTypes.NameOf(e)} {Encoding.UTF8.GetString(EventSerializer.Serialize(e))}"));

    private static string Describe(IReadOnlyList<LedgerCommand> commands) => string.Join("; ", commands.Select(c => c.ToString()));
}

/// <summary>A fresh event store and the projection store beside it, cleaned up together.</summary>
public sealed class StorePair(IEventStore events, IProjectionStore projections, Func<ValueTask> cleanup) : IAsyncDisposable
{
    public IEventStore Events { get; } = events;

    public IProjectionStore Projections { get; } = projections;

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        await cleanup();
    }
}

/// <summary>One store, then another: the log a long-lived writer sees, changed behind its back.</summary>
internal sealed class SwappableStore(IEventStore initial) : IEventStore
{
    public IEventStore Current { get; set; } = initial;

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        Current.AppendAsync(stream, expected, events, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        Current.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        Current.ReadAllAsync(fromPosition, direction, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, CancellationToken cancellationToken = default) =>
        Current.SubscribeToAllAsync(checkpoint, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
