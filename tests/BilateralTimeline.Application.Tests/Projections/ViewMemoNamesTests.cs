using BilateralTimeline.Application.Projections;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>Issue 17: explain, trace and the actor derivations used to rebuild the spelling index (and re-run Lucene's normaliser) on every request.</summary>
public sealed class ViewMemoNamesTests
{
    [Fact]
    public void One_view_keeps_one_spelling_index_for_every_request()
    {
        var view = LedgerView.Create();

        var first = ViewMemo.Of(view).Names;
        var second = ViewMemo.Of(view).Names;

        Assert.Same(first, second);
        Assert.NotSame(first, ViewMemo.Of(LedgerView.Create()).Names);
    }

    [Fact]
    public void The_shared_index_resolves_alike_when_requests_on_one_view_ask_at_once()
    {
        var view = LedgerView.Create();
        var spellings = Enumerable.Range(0, 2000).Select(i => $"Amir-Abdollahian {i % 97}").ToArray();
        var expected = spellings.Select(s => new ActorNames(view.Actors).Resolve(s)).ToArray();

        var shared = ViewMemo.Of(view).Names;
        var resolved = new ActorRef[spellings.Length];
        Parallel.For(0, spellings.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => resolved[i] = shared.Resolve(spellings[i]));

        Assert.Equal(expected, resolved);
    }
}
