using BilateralTimeline.Application.Projections.Versions;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>
/// The rows alive at a count, read through the checkpoints of <see cref="VersionRows{T}"/>, against the plain
/// pass over every row ever added that it replaced: the same rows in the same (key, added) order, at every
/// count, while rows come and go as a fold makes and ends versions, and again after all of them.
/// </summary>
public sealed class VersionRowsProperties
{
    [Property(MaxTest = 200)]
    public void The_rows_alive_at_every_count_are_those_a_pass_over_every_row_finds(int seed)
    {
        // Given rows added and closed event by event, as the entry log does, with checkpoints every few rows
        var random = new Random(seed);
        var rows = new VersionRows<int>(random.Next(1, 9));
        var oracle = new List<(long Key, int Seq, int From, int To)>();
        var open = new List<int>();
        var events = random.Next(1, 150);
        var start = random.Next(0, 3);
        for (var count = start; count <= start + events; count++)
        {
            // When an event ends some versions and makes others (a few keys repeat: an entry's new version keeps its place)
            foreach (var seq in open.Where(_ => random.Next(4) == 0).ToList())
            {
                rows.Close(seq, count);
                oracle[seq] = oracle[seq] with { To = count };
                open.Remove(seq);
            }
            for (var added = random.Next(0, count == start ? 12 : 4); added > 0; added--)
            {
                var key = (long)random.Next(0, 40);
                var seq = rows.Add(key, count, oracle.Count);
                Assert.Equal(oracle.Count, seq);
                oracle.Add((key, seq, count, int.MaxValue));
                open.Add(seq);
            }

            // Then every count so far answers as the pass over every row does
            Check(seed, rows, oracle, start, count);
        }
        Check(seed, rows, oracle, start, start + events);
    }

    private static void Check(int seed, VersionRows<int> rows, List<(long Key, int Seq, int From, int To)> oracle, int start, int last)
    {
        for (var count = start - 1; count <= last; count++)
        {
            var expected = oracle.Where(r => r.From <= count && count < r.To).OrderBy(r => r.Key).ThenBy(r => r.Seq).Select(r => r.Seq).ToList();
            var slots = new int[1];
            var n = rows.Alive(count, ref slots);
            var actual = slots[..n].Select(slot => rows.Data(slot)).ToList();
            Assert.True(expected.SequenceEqual(actual), $"seed {seed}, count {count}: expected [{string.Join(' ', expected)}], got [{string.Join(' ', actual)}]");
        }
    }
}
