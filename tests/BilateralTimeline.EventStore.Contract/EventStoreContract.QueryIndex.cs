using System.Text.Json;
using BilateralTimeline.Application;
using BilateralTimeline.Application.Features.Actors.ListActors;
using BilateralTimeline.Application.Features.Contradictions.ListContradictions;
using BilateralTimeline.Application.Features.Diff.DiffUnderstanding;
using BilateralTimeline.Application.Features.Explain.ExplainOccurrence;
using BilateralTimeline.Application.Features.Sources.ListSources;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Features.Trace.TraceClaim;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.EventStore.Contract.QueryIndex;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// The query index of `bt serve` (<see cref="LedgerIndex"/>) against its oracle, the full fold of the
/// stream (<see cref="FullFoldViews"/>), on random ledgers written through this store: every query at
/// random (as-of, known-at) pairs must give the same JSON, and a walk through the pages of a list must
/// give the whole list.
/// </summary>
public abstract partial class EventStoreContract
{
    private static readonly DyadId IndexedDyad = DyadId.Of("AZE", "IRN");

    // Checkpoints every few events, thinned often: a ledger of a few hundred events then crosses every
    // path of the index (a view from a checkpoint, from the head, after the spacing doubled).
    private const int SmallSpacing = 3;
    private const int FewCheckpoints = 7;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Every_query_through_the_index_answers_what_the_full_fold_answers(int seed)
    {
        // Given a random ledger recorded over days, and the same queries through the fold and the index
        var batches = RandomLedger.Generate(seed, 240);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        await using var indexed = Queries(Store, new LedgerIndex(Store, SmallSpacing, FewCheckpoints));
        var random = new Random(seed * 7919);

        // The index follows the log: half the ledger is asked about before the rest is written.
        var lastRevision = -1L;
        foreach (var (part, rounds) in new[] { (batches.Take(batches.Count / 2).ToList(), 10), (batches.Skip(batches.Count / 2).ToList(), 20) })
        {
            lastRevision = await AppendLedgerAsync(part, lastRevision);
            var recorded = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
            for (var round = 0; round < rounds; round++)
            {
                // When
                var questions = Questions(random, recorded);

                // Then
                foreach (var (name, ask) in questions)
                {
                    var expected = await ask(Mediator(oracle));
                    var actual = await ask(Mediator(indexed));
                    Assert.True(expected == actual, $"seed {seed}, after {recorded.Count} events, round {round}, {name}:\nfull fold: {expected}\nindex:     {actual}");
                }
            }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task A_walk_through_the_pages_gives_the_whole_answer(int seed)
    {
        // Given
        var recorded = await WriteRandomLedgerAsync(seed, 200);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        await using var indexed = Queries(Store, new LedgerIndex(Store, SmallSpacing, FewCheckpoints));
        var random = new Random(seed * 104729);

        for (var round = 0; round < 8; round++)
        {
            var (asOf, knownAt) = RandomTimes(random, recorded);
            var limit = random.Next(1, 9);
            var from = random.Next(3) == 0 ? (DateOnly?)null : new DateOnly(2018, 1, 1).AddDays(random.Next(2000));
            DateOnly? to = from is { } f && random.Next(2) == 0 ? f.AddDays(random.Next(700)) : null;

            // When
            var whole = await Mediator(oracle).Send(new GetTimeline(null, asOf, knownAt));
            var pages = await WalkAsync(indexed, limit, cursor => new GetTimeline(null, asOf, knownAt, null, null, limit, cursor), v => (v.Items, v.Next));
            var window = await WalkAsync(indexed, limit, cursor => new GetTimeline(null, asOf, knownAt, from, to, limit, cursor), v => (v.Items, v.Next));
            var sources = await Mediator(oracle).Send(new ListSources(null, knownAt));
            var sourcePages = await WalkAsync(indexed, limit, cursor => new ListSources(null, knownAt, limit, cursor), v => (v.Sources, v.Next));
            var contradictions = await Mediator(oracle).Send(new ListContradictions(null, knownAt, false));
            var contradictionPages = await WalkAsync(indexed, limit, cursor => new ListContradictions(null, knownAt, false, limit, cursor), v => (v.Items, v.Next));

            // Then
            Assert.Equal(Json(whole.Items), Json(pages));
            var inWindow = whole.Items.Where(i => (from is null || i.Latest >= from) && (to is null || i.Earliest <= to)).ToList();
            Assert.Equal(Json(inWindow), Json(window));
            Assert.Equal(Json(sources.Sources), Json(sourcePages));
            Assert.Equal(Json(contradictions.Items), Json(contradictionPages));
        }
    }

    [Fact]
    public async Task An_index_whose_stream_was_changed_behind_its_back_starts_over()
    {
        // Given an index that has folded the whole stream
        var recorded = await WriteRandomLedgerAsync(6, 60);
        var current = new CurrentStore(() => Store);
        var index = new LedgerIndex(current, SmallSpacing, FewCheckpoints);
        await using var indexed = Queries(current, index);
        await using var oracle = Queries(current, new FullFoldViews(current));
        await Mediator(indexed).Send(new GetTimeline(null, new DateOnly(2030, 1, 1), null));

        // When the tail is cut and other events are written in its place, more of them than were cut
        var keep = recorded[recorded.Count / 2];
        await CloseStoreAsync();
        await CutTailAsync(keep.GlobalPosition, moveHead: true);
        await ReopenStoreAsync();
        await AppendLedgerAsync(RandomLedger.Generate(66, recorded.Count), keep.StreamRevision);

        // Then the index notices and answers from the new stream
        var question = new GetTimeline(null, new DateOnly(2030, 1, 1), null);
        Assert.Equal(Json(await Mediator(oracle).Send(question)), Json(await Mediator(indexed).Send(question)));
        Assert.Equal(1, index.RebuildsOf(IndexedDyad));
    }

    [Fact]
    public async Task On_a_log_with_an_unreadable_event_the_index_answers_and_fails_exactly_where_the_full_fold_does()
    {
        // Given a ledger with an event in the middle whose data no longer decode (as after damage on disk)
        var batches = RandomLedger.Generate(8, 120);
        var lastRevision = await AppendLedgerAsync(batches.Take(batches.Count / 2).ToList(), -1);
        Clock.Advance(TimeSpan.FromHours(1));
        var damaged = await Store.AppendAsync(IndexedDyad.StreamName, ExpectedRevision.Exact(lastRevision), [new EventData(Guid.NewGuid(), "claim-recorded/v1", "{\"claimId\": [1, 2"u8.ToArray(), new EventMetadata("index-suite"))]);
        await AppendLedgerAsync(batches.Skip(batches.Count / 2).ToList(), damaged.LastStreamRevision);
        var recorded = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
        var victim = recorded.Single(e => e.StreamRevision == damaged.LastStreamRevision);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        await using var indexed = Queries(Store, new LedgerIndex(Store, SmallSpacing, FewCheckpoints));

        // When asked now, at the damaged event, and before and after it
        var times = new DateTimeOffset?[] { null, recorded[^1].Recorded, victim.Recorded, victim.Recorded.AddTicks(-10), recorded[recorded.Count / 4].Recorded, recorded[(recorded.Count * 3) / 4].Recorded };
        var answers = new List<string>();
        foreach (var knownAt in times)
        {
            foreach (var ask in new Func<IMediator, Task<string>>[] { m => AnswerAsync(m, new GetTimeline(null, new DateOnly(2030, 1, 1), knownAt)), m => AnswerAsync(m, new GetRelationshipState(null, new DateOnly(2021, 1, 1), knownAt)) })
            {
                var expected = await ask(Mediator(oracle));
                answers.Add(expected);

                // Then
                Assert.Equal(expected, await ask(Mediator(indexed)));
            }
        }
        Assert.Contains(answers, a => a.StartsWith(nameof(CorruptEventException), StringComparison.Ordinal));
        Assert.Contains(answers, a => a.StartsWith('{'));
    }

    private static IEnumerable<(string Name, Func<IMediator, Task<string>> Ask)> Questions(Random random, IReadOnlyList<RecordedEvent> recorded)
    {
        var (asOf, knownAt) = RandomTimes(random, recorded);
        var (_, other) = RandomTimes(random, recorded);
        var claim = $"c{random.Next(60)}";
        var occurrence = $"o{random.Next(15)}";
        var openOnly = random.Next(2) == 0;
        var label = $"as of {asOf}, known at {knownAt:O}";
        yield return ($"timeline {label}", m => AnswerAsync(m, new GetTimeline(null, asOf, knownAt)));
        yield return ($"state {label}", m => AnswerAsync(m, new GetRelationshipState(null, asOf, knownAt)));
        yield return ($"actors {label}", m => AnswerAsync(m, new ListActors(null, asOf, knownAt)));
        yield return ($"explain {occurrence} {label}", m => AnswerAsync(m, new ExplainOccurrence(occurrence, null, asOf, knownAt)));
        yield return ($"trace {claim} {label}", m => AnswerAsync(m, new TraceClaim(claim, null, knownAt)));
        yield return ($"sources {label}", m => AnswerAsync(m, new ListSources(null, knownAt)));
        yield return ($"contradictions (open only: {openOnly}) {label}", m => AnswerAsync(m, new ListContradictions(null, knownAt, openOnly)));
        if (knownAt is { } a && other is { } b && a != b)
        {
            var (before, after) = a < b ? (a, b) : (b, a);
            yield return ($"diff {before:O} {after:O} as of {asOf}", m => AnswerAsync(m, new DiffUnderstanding(null, before, after, asOf)));
        }
    }

    /// <summary>A valid time across the ledger's dates; a recording time that is now (null), exactly an event's, or anywhere in the span.</summary>
    private static (DateOnly AsOf, DateTimeOffset? KnownAt) RandomTimes(Random random, IReadOnlyList<RecordedEvent> recorded)
    {
        var asOf = new DateOnly(2017, 6, 1).AddDays(random.Next(2600));
        var first = recorded[0].Recorded;
        var span = recorded[^1].Recorded - first;
        DateTimeOffset? knownAt = random.Next(6) switch
        {
            0 => null,
            1 or 2 => recorded[random.Next(recorded.Count)].Recorded,
            _ => first + (span * random.NextDouble()),
        };
        return (asOf, knownAt);
    }

    private async Task<IReadOnlyList<RecordedEvent>> WriteRandomLedgerAsync(int seed, int events)
    {
        await AppendLedgerAsync(RandomLedger.Generate(seed, events), -1);
        return await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
    }

    private async Task<long> AppendLedgerAsync(IReadOnlyList<(TimeSpan Wait, IReadOnlyList<Domain.ILedgerEvent> Events)> batches, long lastRevision)
    {
        foreach (var (wait, events) in batches)
        {
            Clock.Advance(wait + TimeSpan.FromMilliseconds(1));
            var data = events.Select(e => new EventData(Guid.NewGuid(), EventTypes.NameOf(e), EventSerializer.Serialize(e), new EventMetadata("index-suite"))).ToList();
            var result = await Store.AppendAsync(IndexedDyad.StreamName, lastRevision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(lastRevision), data);
            lastRevision = result.LastStreamRevision;
        }
        return lastRevision;
    }

    private ServiceProvider Queries(IEventStore store, ILedgerViews views) => new ServiceCollection()
        .AddBilateralTimeline()
        .AddSingleton(store)
        .AddSingleton<TimeProvider>(Clock)
        .AddSingleton(views)
        .BuildServiceProvider();

    private static IMediator Mediator(ServiceProvider provider) => provider.GetRequiredService<IMediator>();

    private static async Task<List<TItem>> WalkAsync<TView, TItem>(ServiceProvider provider, int limit, Func<string?, IRequest<TView>> page, Func<TView, (IReadOnlyList<TItem> Items, string? Next)> items)
    {
        var all = new List<TItem>();
        string? cursor = null;
        do
        {
            var (some, next) = items(await Mediator(provider).Send(page(cursor)));
            Assert.True(some.Count <= limit, $"a page of {some.Count} items for a limit of {limit}");
            Assert.True(next is null || some.Count == limit, "a page before the last was short");
            all.AddRange(some);
            cursor = next;
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>The answer as JSON, or the refusal: both paths must refuse the same questions with the same words.</summary>
    private static async Task<string> AnswerAsync<T>(IMediator mediator, IRequest<T> request)
    {
        try
        {
            return Json(await mediator.Send(request));
        }
        catch (InputRejectedException e)
        {
            return $"rejected: {e.Message} {JsonSerializer.Serialize(e.Errors)}";
        }
        catch (Exception e) when (e is CorruptEventException or DamagedLogException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, LedgerJson.Options);
}
