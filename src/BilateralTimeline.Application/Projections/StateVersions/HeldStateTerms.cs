using System.Collections.Concurrent;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.StateVersions;

/// <summary>
/// What a long-running process (`bt serve`) keeps of each dyad's stored state terms between questions: the
/// terms of every stored segment, decoded whole, with the index they were read under and their headers. A
/// question whose index still lists the same segments, each of which the log still holds, answers from them
/// without reading a column. Questions share the terms; reading them again, or continuing them with a
/// catch-up's tail, takes the dyad's gate alone (see <see cref="StateTermViews"/>).
/// </summary>
/// <param name="wholeFolds">Shared with the server's held timelines: a fold of a dyad's whole history waits for any other to end.</param>
public sealed class HeldStateTerms(WholeFolds wholeFolds)
{
    public HeldStateTerms()
        : this(new WholeFolds())
    {
    }

    internal WholeFolds WholeFolds => wholeFolds;

    private readonly ConcurrentDictionary<DyadId, Dyad> _dyads = new();
    private int _reads;

    /// <summary>How often stored segments were read whole into held terms (for tests: that a write's tail continues them instead).</summary>
    public int Reads => _reads;

    internal void CountRead() => Interlocked.Increment(ref _reads);

    internal Dyad Of(DyadId dyad) => _dyads.GetOrAdd(dyad, _ => new Dyad());

    /// <summary>Holds <paramref name="terms"/> as what the segments of <paramref name="index"/> hold; the caller has the dyad's gate alone.</summary>
    internal void Hold(DyadId dyad, StoredSegments index, StateTerms terms, IReadOnlyList<SegmentHeader> headers)
    {
        terms.Prepare();
        Of(dyad).Current = new Held(index, terms, headers);
    }

    internal sealed class Dyad
    {
        /// <summary>Questions share it; reading the terms again or continuing them takes it alone.</summary>
        public ReadWriteGate Gate { get; } = new();

        /// <summary>The terms held (null: none, or changed in place by a catch-up whose segment was not stored).</summary>
        public Held? Current { get; set; }
    }

    internal sealed record Held(StoredSegments Index, StateTerms Terms, IReadOnlyList<SegmentHeader> Headers)
    {
        public bool Lists(StoredSegments now) =>
            !now.Damaged && Index.Segments.Count == now.Segments.Count
            && Index.Segments.Zip(now.Segments).All(p => p.First.FirstRevision == p.Second.FirstRevision && p.First.LastRevision == p.Second.LastRevision
                && p.First.FirstVersion == p.Second.FirstVersion && p.First.Versions == p.Second.Versions
                && p.First.Chunks == p.Second.Chunks && p.First.Blocks == p.Second.Blocks && p.First.Hash.AsSpan().SequenceEqual(p.Second.Hash));
    }
}
