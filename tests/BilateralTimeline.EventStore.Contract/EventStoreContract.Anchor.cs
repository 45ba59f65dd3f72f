using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>What anchors the chain: the head record, positions never reused, and a witness kept outside the store.</summary>
public abstract partial class EventStoreContract
{
    private Task<ChainVerification> VerifyChainAsync(ChainWitness? expect) =>
        ChainVerifier.VerifyAsync(Store, Capabilities, expect: expect);

    private static ChainWitness WitnessOf(ChainVerification verification)
    {
        Assert.True(verification.IsIntact, verification.Problem);
        var witness = ChainWitness.TryParse(verification.Witness, out var problem);
        Assert.True(witness is not null, problem);
        return witness;
    }

    [Fact]
    public async Task Verify_gives_a_witness_of_the_head_and_the_grown_log_still_extends_it()
    {
        // Given a witness taken after two appends
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.New());
        var first = await VerifyChainAsync();
        var witness = WitnessOf(first);

        // When the log grows and is verified against it
        await AppendAsync("claim-1", ExpectedRevision.Exact(1), TestEvents.Many(2));
        var later = await VerifyChainAsync(witness);
        var fromTheStart = await VerifyChainAsync(new ChainWitness(0, Convert.ToHexStringLower(HashChain.Genesis.Span)));

        // Then
        Assert.Equal((await ReadAllForwardsAsync())[2].GlobalPosition, witness.Position);
        Assert.Equal(first.Digest, witness.Digest);
        Assert.True(later.IsIntact, later.Problem);
        Assert.Equal(witness.ToString(), later.Extends);
        Assert.NotEqual(first.Witness, later.Witness);
        Assert.True(fromTheStart.IsIntact, fromTheStart.Problem);
    }

    [Fact]
    public async Task A_cut_tail_is_found_against_a_witness_taken_before_the_cut()
    {
        // Given a witness of five events
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(3));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.Many(2));
        var witness = WitnessOf(await VerifyChainAsync());
        var kept = (await ReadAllForwardsAsync())[2].GlobalPosition;

        // When the last two events are deleted behind the store's back, head and all
        await CloseStoreAsync();
        await CutTailAsync(kept, moveHead: true);
        await ReopenStoreAsync();
        var verification = await VerifyChainAsync(witness);

        // Then
        Assert.False(verification.IsIntact, "the cut tail verified against the witness taken before it");
        Assert.Equal(witness.Position, verification.FirstBrokenPosition);
        Assert.Contains("cut from the tail", verification.Problem, StringComparison.Ordinal);
        Assert.Null(verification.Witness);
    }

    [Fact]
    public async Task A_history_rewritten_consistently_after_a_cut_verifies_alone_but_not_against_an_earlier_witness()
    {
        // Given a witness of four events
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.Many(2));
        var witness = WitnessOf(await VerifyChainAsync());
        var kept = (await ReadAllForwardsAsync())[1].GlobalPosition;

        // When the second append is cut, head and all, and other events are written in its place
        await CloseStoreAsync();
        await CutTailAsync(kept, moveHead: true);
        await ReopenStoreAsync();
        await AppendAsync("claim-3", ExpectedRevision.NoStream, TestEvents.Many(3, "a rewritten history"));
        var alone = await VerifyChainAsync();
        var againstWitness = await VerifyChainAsync(witness);

        // Then only the witness kept outside shows it
        Assert.True(alone.IsIntact, alone.Problem);
        Assert.False(againstWitness.IsIntact, "the rewritten history verified against the witness taken before it");
        Assert.Equal(witness.Position, againstWitness.FirstBrokenPosition);
        Assert.Contains("rewritten", againstWitness.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cut_tail_is_named_against_the_head_record_where_the_store_keeps_one()
    {
        // Given five events
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(3));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.Many(2));
        var kept = (await ReadAllForwardsAsync())[2].GlobalPosition;

        // When the last two are deleted behind the store's back, its head record left alone
        await CloseStoreAsync();
        await CutTailAsync(kept, moveHead: false);
        await ReopenStoreAsync();
        var verification = await VerifyChainAsync();

        // Then
        if (RecordsHead)
        {
            Assert.False(verification.IsIntact, "a cut tail verified as intact");
            Assert.Equal(kept + 1, verification.FirstBrokenPosition);
            Assert.Contains("2 events missing at the tail", verification.Problem, StringComparison.Ordinal);
            var snapshot = await ((IRecordsChainHead)Store).ReadHeadAsync();
            Assert.Equal(kept + 1, snapshot.Check()?.Position);
        }
        else
        {
            // Per-stream chains without a head record: what is left is a consistent log (docs/security.md);
            // only a witness kept outside finds the cut (the test above).
            Assert.True(verification.IsIntact, verification.Problem);
            Assert.Equal(3, verification.EventsChecked);
        }
    }

    [Fact]
    public async Task After_all_events_are_deleted_the_store_does_not_verify_as_an_empty_log()
    {
        // Given
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(3));
        var witness = WitnessOf(await VerifyChainAsync());

        // When every event is deleted behind the store's back
        await CloseStoreAsync();
        await CutTailAsync(0, moveHead: false);
        await ReopenStoreAsync();
        var alone = await VerifyChainAsync();
        var againstWitness = await VerifyChainAsync(witness);

        // Then
        Assert.Empty(await ReadAllForwardsAsync());
        Assert.False(againstWitness.IsIntact, "an emptied log verified against the witness of three events");
        Assert.Contains("the log holds no events", againstWitness.Problem, StringComparison.Ordinal);
        Assert.Equal(!RecordsHead, alone.IsIntact);
        if (RecordsHead)
        {
            Assert.Equal(1, alone.FirstBrokenPosition);
            Assert.Contains("3 events missing at the tail", alone.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Appending_after_a_cut_tail_never_reuses_a_freed_position()
    {
        // Given four events of which the last two are deleted behind the store's back
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.Many(2));
        var before = await ReadAllForwardsAsync();
        await CloseStoreAsync();
        await CutTailAsync(before[1].GlobalPosition, moveHead: false);
        await ReopenStoreAsync();

        // When
        var outcome = await OutcomeOf(AppendAsync("claim-3", ExpectedRevision.NoStream, TestEvents.New()));

        // Then a store with a head refuses to build on the cut chain; any store never hands out a freed position
        var after = await ReadAllForwardsAsync();
        if (RecordsHead)
        {
            var refused = Assert.IsType<DamagedLogException>(outcome);
            Assert.Equal(before[2].GlobalPosition, refused.Position);
            Assert.Contains($"broken at position {before[2].GlobalPosition}", refused.Message, StringComparison.Ordinal);
            Assert.Equal(2, after.Count);
        }
        else
        {
            Assert.Null(outcome);
            Assert.True(after[^1].GlobalPosition > before[^1].GlobalPosition, $"position {after[^1].GlobalPosition} was handed out again");
        }
    }

    [Fact]
    public async Task The_head_record_follows_every_append()
    {
        // Given
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.New());

        // When
        var last = (await ReadAllForwardsAsync())[^1];

        // Then
        if (Store is IRecordsChainHead anchored)
        {
            var snapshot = await anchored.ReadHeadAsync();
            Assert.Null(snapshot.Check());
            Assert.Equal(last.GlobalPosition, snapshot.Recorded.Position);
            Assert.Equal(last.Hash.ToArray(), snapshot.Recorded.Hash.ToArray());
        }
        Assert.Equal(RecordsHead, Store is IRecordsChainHead);
    }
}
