using System.Text.Json;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.Application.Projections.StateVersions;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.EventStore.Contract.QueryIndex;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// The "state" rows a server draws from the state terms it holds instead of folding a large dyad
/// (<see cref="StateProjection.DrawingLargeDyadsFrom"/>) against their oracle, the runner's fold: after every commit
/// of a growing random ledger the drawn rows hold the fold's header and every segment of the fold that has a part,
/// word for word, list nothing else, and present the same state at any date. Commits fall at random counts; the dyad
/// crosses the size from which rows are drawn; the process restarts at its checkpoint; stored terms are damaged and
/// stored behind its back.
/// </summary>
public abstract partial class EventStoreContract
{
    [Theory]
    [InlineData(71)]
    [InlineData(72)]
    [InlineData(73)]
    public async Task Every_state_row_drawn_from_held_terms_is_the_folds(int seed)
    {
        // Given the runner's fold and a server's projection drawing from held terms, over one random ledger
        var batches = RandomLedger.Generate(seed, 500);
        var random = new Random(seed * 7919);
        var shift = random.Next(2, 6);
        var smallest = seed % 3 == 0 ? 1 : random.Next(20, 120);
        var oracle = new StateProjection(shift);
        var views = new StateTermViews(Store, Projections, new FullFoldViews(Store), smallest, random.Next(1, 64), seed % 2 == 0 ? StateTermViews.DefaultMergeCap : 40, new HeldStateTerms());
        var drawing = StateProjection.DrawingLargeDyadsFrom(views, shift);
        var folded = oracle.Start(Clock);
        var drawn = drawing.Start(Clock);
        var (foldRows, drawnRows) = (new Dictionary<string, string>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal));
        var (lastRevision, position, at) = (-1L, 0L, 0);
        var (commits, restarts, damaged, behind, presented) = (0, 0, 0, 0, 0);
        (string Header, DateOnly AsOf, int? Movers, string Expected)? earlier = null;
        while (at < batches.Count)
        {
            var part = batches.Skip(at).Take(random.Next(1, 4)).ToList();
            at += part.Count;
            lastRevision = await AppendLedgerAsync(part, lastRevision);
            await foreach (var e in Store.ReadAllAsync(position + 1))
            {
                if (e.GlobalPosition <= position)
                {
                    // A store may hand back events at or before the position asked from (EventStoreDB's are commit positions): the runner skips them too.
                    continue;
                }
                folded.Apply(e);
                drawn.Apply(e);
                position = e.GlobalPosition;
            }
            if (random.Next(3) == 0 && at < batches.Count)
            {
                // Not every batch commits: a commit may span several.
                continue;
            }
            if (random.Next(10) == 0 && await DamageTermsAsync(random.Next(5)))
            {
                damaged++;
            }
            else if (random.Next(8) == 0)
            {
                await using var other = Queries(Store, new StateTermViews(Store, Projections, new FullFoldViews(Store), 0, random.Next(1, 64)));
                await Mediator(other).Send(new Application.Features.State.GetRelationshipState.GetRelationshipState(null, new DateOnly(2030, 1, 1), null));
                behind++;
            }

            // When both commit
            Commit(foldRows, await folded.TakeChangesAsync(CancellationToken.None));
            Commit(drawnRows, await drawn.TakeChangesAsync(CancellationToken.None));
            commits++;

            // Then the drawn rows are the fold's, less the fold's segments without a part
            var context = $"seed {seed}, shift {shift}, drawn from {smallest} events, commit {commits} after {lastRevision + 1} events";
            if (lastRevision + 1 < smallest)
            {
                // (a dyad not yet that large is folded by both)
                Assert.True(foldRows.OrderBy(r => r.Key, StringComparer.Ordinal).SequenceEqual(drawnRows.OrderBy(r => r.Key, StringComparer.Ordinal)), context);
            }
            else
            {
                AssertDrawnRowsAreTheFolds(oracle, foldRows, drawnRows, random, context);
            }

            // And a reader of the drawn header gets, from the held terms, what the fold's rows present: also for the header of an
            // earlier commit, read after the terms have moved past it
            if (earlier is { } before)
            {
                Assert.True(before.Expected == await drawing.PresentHeldAsync(before.Header, before.AsOf, before.Movers, CancellationToken.None), $"{context}: the header of the commit before, presented from held terms");
            }
            earlier = await AssertHeldPresentationIsTheFoldsAsync(oracle, drawing, foldRows, drawnRows, lastRevision + 1 >= smallest, random, context);
            presented += earlier is null ? 0 : 1;

            if (random.Next(5) == 0)
            {
                // And a server restarting at its checkpoint replays the log without deriving anything, then goes on drawing
                drawn = drawing.Start(Clock);
                await foreach (var e in Store.ReadAllAsync(1))
                {
                    drawn.Apply(e);
                }
                drawn.ForgetChanges();
                restarts++;
            }
        }
        Assert.True(commits > 10 && restarts > 0 && damaged + behind > 0 && presented > 5, $"seed {seed}: {commits} commits, {restarts} restarts, {damaged} damaged, {behind} stored behind, {presented} presented from held terms: the property no longer covers them");
    }

    private static void Commit(Dictionary<string, string> rows, IReadOnlyList<ProjectionRowChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.Document is null)
            {
                rows.Remove(change.Key);
            }
            else
            {
                rows[change.Key] = change.Document;
            }
        }
    }

    private static void AssertDrawnRowsAreTheFolds(StateProjection projection, Dictionary<string, string> foldRows, Dictionary<string, string> drawnRows, Random random, string context)
    {
        var key = IndexedDyad.ToString();
        using var foldHeader = JsonDocument.Parse(foldRows[key]);
        using var drawnHeader = JsonDocument.Parse(drawnRows[key]);
        foreach (var field in new[] { "format", "dyad", "lastPosition", "claimsConsidered", "claimsRetracted" })
        {
            Assert.True(foldHeader.RootElement.GetProperty(field).ToString() == drawnHeader.RootElement.GetProperty(field).ToString(), $"{context}: the header's {field}\nfold:  {foldRows[key]}\ndrawn: {drawnRows[key]}");
        }
        var foldSegments = foldHeader.RootElement.GetProperty("segments").EnumerateArray().Select(s => s.GetString()!).ToList();
        var drawnSegments = drawnHeader.RootElement.GetProperty("segments").EnumerateArray().Select(s => s.GetString()!).ToList();
        var withParts = foldSegments.Where(s => HasPart(foldRows[s])).ToList();
        Assert.True(withParts.SequenceEqual(drawnSegments), $"{context}: the segments listed\nfold:  {foldRows[key]}\ndrawn: {drawnRows[key]}\n{string.Join("\n", drawnSegments.Except(withParts).Select(s => $"{s}: {drawnRows[s]} / {foldRows.GetValueOrDefault(s)}"))}");
        foreach (var segment in drawnSegments)
        {
            Assert.True(foldRows[segment] == drawnRows[segment], $"{context}: segment {segment}\nfold:  {foldRows[segment]}\ndrawn: {drawnRows[segment]}");
        }
        Assert.True(drawnRows.Keys.Order(StringComparer.Ordinal).SequenceEqual(drawnSegments.Append(key).Order(StringComparer.Ordinal)), $"{context}: rows stored beyond the header's segments: {string.Join(", ", drawnRows.Keys.Except(drawnSegments.Append(key)))}");
        for (var i = 0; i < 3; i++)
        {
            var asOf = new DateOnly(2017, 6, 1).AddDays(random.Next(3600));
            Assert.Equal(
                projection.Present(foldRows[key], foldSegments.ToDictionary(s => s, s => foldRows[s]), asOf),
                projection.Present(drawnRows[key], drawnSegments.ToDictionary(s => s, s => drawnRows[s]), asOf));
        }
    }

    /// <summary>
    /// The drawn header presented from the held terms at a random date with a random number of movers equals the fold's rows
    /// presented from their segments; a dyad below the drawing size is not presented from terms (null). The header and its
    /// expected presentation, to ask again later.
    /// </summary>
    private static async Task<(string Header, DateOnly AsOf, int? Movers, string Expected)?> AssertHeldPresentationIsTheFoldsAsync(
        StateProjection oracle, StateProjection drawing, Dictionary<string, string> foldRows, Dictionary<string, string> drawnRows, bool large, Random random, string context)
    {
        var key = IndexedDyad.ToString();
        var asOf = new DateOnly(2017, 6, 1).AddDays(random.Next(3600));
        int? movers = random.Next(3) == 0 ? null : random.Next(1, 40);
        var held = await drawing.PresentHeldAsync(drawnRows[key], asOf, movers, CancellationToken.None);
        if (!large)
        {
            Assert.True(held is null, $"{context}: a dyad below the drawing size was presented from terms");
            return null;
        }
        using var header = JsonDocument.Parse(foldRows[key]);
        var segments = header.RootElement.GetProperty("segments").EnumerateArray().Select(s => s.GetString()!).ToDictionary(s => s, s => foldRows[s]);
        var expected = oracle.Present(foldRows[key], segments, asOf, movers);
        Assert.True(expected == held, $"{context}: presented at {asOf} with {movers?.ToString() ?? "all"} movers\nfold: {expected}\nheld: {held}");
        return (drawnRows[key], asOf, movers, expected);
    }

    private static bool HasPart(string segment)
    {
        using var row = JsonDocument.Parse(segment);
        return new[] { "scored", "changes", "contacts" }.Any(list => row.RootElement.GetProperty(list).GetArrayLength() > 0);
    }
}
