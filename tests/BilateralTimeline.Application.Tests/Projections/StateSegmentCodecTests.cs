using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Projections.StateVersions;
using BilateralTimeline.Domain.Time;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// A stored segment of state terms read without the versions that ended within it must answer every count past its
/// end as the whole segment does, from the front of its bytes alone (what a cold state about now reads of a
/// million-event dyad's first segment). The whole decode is the oracle; random segments of random versions.
/// </summary>
public sealed class StateSegmentCodecTests
{
    [Property(MaxTest = 150)]
    public void The_front_of_a_segment_answers_every_count_past_its_end_as_the_whole_does(int seed)
    {
        // Given a random segment, a second one after it ending some of its versions, and each encoded
        var random = new Random(seed);
        var first = RandomSegment(random, 0, 0, []);
        var second = RandomSegment(random, first.RecordedTicks.Length, first.Added.Count, first.Added);
        var (firstBytes, _) = StateSegmentCodec.Encode(first);
        var (secondBytes, _) = StateSegmentCodec.Encode(second);

        // When the first is read whole, and from its front only (cut where Peek says, the rest of the bytes gone)
        var whole = new StateTerms();
        StateSegmentCodec.DecodeInto(firstBytes, firstBytes.Length, whole, onlyOpen: false);
        StateSegmentCodec.DecodeInto(secondBytes, secondBytes.Length, whole, onlyOpen: false);
        var front = StateSegmentCodec.Peek(firstBytes, firstBytes.Length);
        Assert.NotNull(front);
        Assert.Equal(first.RecordedTicks.Max(), front.Value.LatestRecordedTicks);
        var cut = firstBytes[..front.Value.OpenLength];
        var partial = new StateTerms();
        var header = StateSegmentCodec.DecodeInto(cut, cut.Length, partial, onlyOpen: true);
        StateSegmentCodec.DecodeInto(secondBytes, secondBytes.Length, partial, onlyOpen: false);

        // Then every count from the first's end on draws the same state, and the front left the ended versions unread
        Assert.True(header.Partial);
        Assert.Equal(first.Added.Count(v => v.To != int.MaxValue), partial.Unread);
        Assert.True(front.Value.OpenLength < firstBytes.Length);
        for (var count = first.RecordedTicks.Length; count <= whole.Revisions; count++)
        {
            var asOf = new DateOnly(2020, 1, 1).AddDays(random.Next(-400, 400));
            var expected = whole.Draft(count, asOf, 0, null);
            var actual = partial.Draft(count, asOf, 0, null);
            Assert.True(Describe(expected) == Describe(actual), $"count {count} after a first segment of {first.RecordedTicks.Length}:\nwhole:   {Describe(expected)}\npartial: {Describe(actual)}");
        }
        Assert.Equal(whole.CountAt(new DateTimeOffset(first.RecordedTicks.Max(), TimeSpan.Zero)), partial.CountAt(new DateTimeOffset(first.RecordedTicks.Max(), TimeSpan.Zero)));
    }

    [Fact]
    public void A_damaged_piece_after_the_front_is_refused_when_the_whole_is_read()
    {
        var segment = RandomSegment(new Random(5), 0, 0, []);
        var (bytes, _) = StateSegmentCodec.Encode(segment);
        bytes[^3] ^= 0x20;
        Assert.Throws<InvalidDataException>(() => StateSegmentCodec.DecodeInto(bytes, bytes.Length, new StateTerms(), onlyOpen: false));
        StateSegmentCodec.DecodeInto(bytes, bytes.Length, new StateTerms(), onlyOpen: true);
    }

    private static string Describe(StateDraft draft) =>
        $"{draft.LastPosition} {draft.ClaimsConsidered} {draft.ClaimsRetracted} {draft.Score} {draft.MovedByCount} {draft.ContactVersion} {draft.ContactPossibly} "
        + string.Join(";", draft.Page.Select(m => $"{m.Version}:{m.Weight}:{m.Share}:{m.Standing}"))
        + " | " + string.Join(";", draft.Changes.Select(c => $"{c.Subject}:{c.Status}:{c.Position}"));

    /// <summary>A segment after <paramref name="revisions"/> revisions and <paramref name="versions"/> versions, ending some of <paramref name="earlier"/>.</summary>
    private static StateSegment RandomSegment(Random random, int revisions, int versions, IReadOnlyList<StateVersion> earlier)
    {
        var n = random.Next(1, 60);
        var ticks = new long[n];
        var positions = new long[n];
        var claims = new int[n];
        var retracted = new int[n];
        var at = 638_000_000_000_000_000L + (revisions * 10_000_000L);
        for (var i = 0; i < n; i++)
        {
            // Recording times mostly rise, now and then step back (a clock corrected).
            at += random.Next(10) == 0 ? -random.Next(1, 50_000_000) : random.Next(1, 50_000_000);
            ticks[i] = at;
            positions[i] = revisions + i + random.Next(0, 3);
            claims[i] = revisions + i;
            retracted[i] = random.Next(0, 3);
        }
        var added = new List<StateVersion>();
        var orders = new HashSet<long>();
        for (var i = random.Next(0, 80); i > 0; i--)
        {
            var from = revisions + random.Next(0, n + 1);
            var to = random.Next(3) == 0 ? int.MaxValue : random.Next(from, revisions + n + 1);
            var order = random.Next(5) == 0 ? (1L << 62) + random.Next(100_000) : random.Next(100_000);
            if (orders.Add(order))
            {
                added.Add(new StateVersion(order, from, to, RandomParts(random, $"e{order}")));
            }
        }
        var ended = new List<VersionEnd>();
        for (var v = 0; v < earlier.Count; v++)
        {
            if (earlier[v].To == int.MaxValue && random.Next(3) == 0)
            {
                ended.Add(new VersionEnd(v, revisions + random.Next(0, n + 1)));
            }
        }
        return new StateSegment(revisions, [(byte)random.Next(256), 1, 2], ticks, positions, claims, retracted, versions, added, ended);
    }

    private static EntryStateParts RandomParts(Random random, string id)
    {
        UncertainTime Time()
        {
            var start = new DateOnly(2019, 1, 1).AddDays(random.Next(700));
            var readings = Enumerable.Range(0, random.Next(0, 3))
                .Select(_ => CandidateInterval.Create(start, start.AddDays(random.Next(0, 40)), DatePrecision.Day, ResolutionMethod.Explicit))
                .ToList();
            return new UncertainTime(null, null, readings, []);
        }
        var scored = random.Next(4) == 0 ? null : new ScoredEntry(id, "t " + id, "meeting", "040", random.Next(-10, 11), random.NextDouble(), Time(), [id + "-c"]);
        var contact = random.Next(3) == 0 ? new ContactEntry(id, "t " + id, Time(), ["A", "B"], [id + "-c"]) : null;
        var changes = random.Next(4) == 0 ? new List<StatusChange> { new("embassy", "closed", random.Next(2) == 0, Time(), random.Next(1000), id + "-c") } : [];
        return new EntryStateParts(scored, changes, contact);
    }
}
