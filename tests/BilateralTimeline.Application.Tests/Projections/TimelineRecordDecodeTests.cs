using System.Security.Cryptography;
using System.Text.Json;
using BilateralTimeline.Application.Projections.TimelineVersions;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// A large timeline page builds only the records it prints from each stored block, reading past the others. The whole
/// block's decode is the oracle: random records whose strings repeat across records (so a string a skipped record
/// writes in full is referred to by a wanted one after it), random sets of wanted places.
/// </summary>
public sealed class TimelineRecordDecodeTests
{
    [Property(MaxTest = 100)]
    public void The_records_asked_of_a_block_are_those_of_the_whole_block_at_their_places(int seed)
    {
        // Given a random segment's heavy blocks, encoded
        var random = new Random(seed);
        var records = Enumerable.Range(0, random.Next(1, 300)).Select(i => RandomRecord(random, i)).ToArray();
        var rows = records.Select((r, i) => new TimelineRow(i, i + 1, 0, TimelineRow.Open, i, i, r.IsOccurrence, false, r.Id, null)).ToArray();
        var segment = new TimelineSegment(0, new byte[32], [.. records.Select((_, i) => (long)i)], [.. records.Select((_, i) => (long)i)], 0, rows, i => records[i], [], new SidesPart([], [], [], int.MaxValue));
        var sizes = TimelineBlocks.Of(1 << random.Next(4, 11));
        var encoded = TimelineSegmentCodec.Encode(segment, sizes);

        foreach (var block in encoded.HeavyBlocks)
        {
            var digest = SHA256.HashData(block);
            var whole = TimelineSegmentCodec.DecodeRecords(block, digest, sizes);

            // When some places of it are asked for
            var wanted = Enumerable.Range(0, whole.Length).Where(_ => random.Next(3) == 0).ToList();
            var some = TimelineSegmentCodec.DecodeRecords(block, digest, sizes, wanted);

            // Then each is the whole decode's record at its place
            Assert.Equal(wanted.Select(p => Json(whole[p])), some.Select(Json));
            // And a place past the block's end is refused, not made up
            Assert.Throws<InvalidDataException>(() => TimelineSegmentCodec.DecodeRecords(block, digest, sizes, [whole.Length]));
        }
    }

    private static string Json(TimelineRecord record) => JsonSerializer.Serialize(record);

    private static TimelineRecord RandomRecord(Random random, int i)
    {
        // Few distinct values: most strings are written in full by one record and referred to by later ones.
        string Pick(string prefix) => $"{prefix}-{random.Next(5)}";
        List<string> Some(string prefix) => [.. Enumerable.Range(0, random.Next(3)).Select(_ => Pick(prefix))];
        var claims = Enumerable.Range(0, random.Next(4)).Select(c => new RecordedClaim(
            $"claim-{i}-{c}", Pick("kind"), Pick("modality"), Pick("summary"), Pick("source"), Pick("grade"), random.Next(-5, 100), random.Next(2) == 0,
            random.Next(3) == 0 ? Pick("claim") : null, Some("claim"), Some("claim"), random.NextInt64(0, 1L << 40), Guid.NewGuid(), random.Next(2) == 0)).ToList();
        DateOnly? Day() => random.Next(4) == 0 ? null : DateOnly.FromDayNumber(random.Next(730_000, 740_000));
        return new TimelineRecord(
            $"entry-{i}", Pick("title"), random.Next(2) == 0, Pick("when"), random.Next(2) == 0 ? null : Pick("phrase"), Day(), Day(),
            Pick("precision"), random.Next(2) == 0, random.Next(2) == 0, Some("finding"), claims, [.. Enumerable.Range(0, random.Next(5)).Select(_ => random.NextInt64(0, 1L << 40))]);
    }
}
