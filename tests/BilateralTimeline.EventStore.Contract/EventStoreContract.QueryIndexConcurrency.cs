using BilateralTimeline.Application.Features.Actors.ListActors;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.EventStore.Contract.QueryIndex;
using MediatR;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// The query index of `bt serve` under several clients at once: questions run side by side (one waiting on
/// the store does not hold up the others), and questions asked while writes arrive still answer what the
/// full fold of the stream answers at their known-at.
/// </summary>
public abstract partial class EventStoreContract
{
    [Fact]
    public async Task A_state_question_is_answered_while_another_question_waits_on_the_store()
    {
        // Given an index that has folded a whole ledger
        var recorded = await WriteRandomLedgerAsync(12, 120);
        var held = new HeldStore(Store);
        await using var indexed = Queries(held, new LedgerIndex(held, SmallSpacing, FewCheckpoints));
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        await Mediator(indexed).Send(new GetRelationshipState(null, new DateOnly(2021, 1, 1), null));

        // When a question that needs a view of the past is held in its re-read of the store
        held.Hold();
        var actors = new ListActors(null, new DateOnly(2030, 1, 1), recorded[10].Recorded);
        var waiting = AnswerAsync(Mediator(indexed), actors);
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        // Then a state question is answered meanwhile, as the full fold answers it
        var state = new GetRelationshipState(null, new DateOnly(2020, 6, 1), recorded[^5].Recorded);
        var answered = AnswerAsync(Mediator(indexed), state);
        var first = await Task.WhenAny(answered, Task.Delay(TimeSpan.FromSeconds(20)));
        held.Let();
        Assert.True(first == answered, "the state question waited for the held question: the dyad's questions run one at a time");
        Assert.Equal(await AnswerAsync(Mediator(oracle), state), await answered);
        Assert.Equal(await AnswerAsync(Mediator(oracle), actors), await waiting);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public async Task Questions_from_four_clients_while_writes_arrive_answer_what_the_full_fold_answers(int seed)
    {
        // Given a ledger whose first part is written and indexed
        var batches = RandomLedger.Generate(seed, 240);
        var half = batches.Count / 2;
        var lastRevision = await AppendLedgerAsync(batches.Take(half).ToList(), -1);
        var written = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
        await using var indexed = Queries(Store, new LedgerIndex(Store, SmallSpacing, FewCheckpoints));
        await Mediator(indexed).Send(new GetRelationshipState(null, new DateOnly(2021, 1, 1), null));

        // When four clients ask at random times within it while the rest is written a batch at a time
        var writing = Task.Run(async () =>
        {
            foreach (var batch in batches.Skip(half))
            {
                lastRevision = await AppendLedgerAsync([batch], lastRevision);
                await Task.Yield();
            }
        });
        var clients = Enumerable.Range(0, 4).Select(client => Task.Run(async () =>
        {
            var random = new Random(seed * 100 + client);
            var asked = new List<(string Name, Func<IMediator, Task<string>> Ask, string Answer)>();
            for (var round = 0; round < 15; round++)
            {
                var asOf = new DateOnly(2017, 6, 1).AddDays(random.Next(2600));
                var knownAt = written[random.Next(written.Count)].Recorded;
                var limit = random.Next(1, 6);
                var label = $"client {client}, round {round}, as of {asOf}, known at {knownAt:O}, limit {limit}";
                (string, Func<IMediator, Task<string>>) question = random.Next(3) switch
                {
                    0 => ($"state {label}", m => AnswerAsync(m, new GetRelationshipState(null, asOf, knownAt, null, limit))),
                    1 => ($"timeline {label}", m => AnswerAsync(m, new GetTimeline(null, asOf, knownAt))),
                    _ => ($"actors {label}", m => AnswerAsync(m, new ListActors(null, asOf, knownAt))),
                };
                asked.Add((question.Item1, question.Item2, await question.Item2(Mediator(indexed))));
            }
            return asked;
        })).ToList();
        await writing;
        var answers = (await Task.WhenAll(clients)).SelectMany(a => a).ToList();

        // Then every answer is the full fold's at its known-at (later writes were recorded after it)
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        foreach (var (name, ask, answer) in answers)
        {
            Assert.True(await ask(Mediator(oracle)) == answer, name);
        }
    }
}
