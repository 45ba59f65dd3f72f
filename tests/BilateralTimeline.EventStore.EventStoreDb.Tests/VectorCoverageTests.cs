using System.Reflection;
using BilateralTimeline.EventStore.EventStoreDb.Tests.Replay;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

public sealed class VectorCoverageTests
{
    [Fact]
    public void Every_recorded_vector_file_is_replayed_by_at_least_one_test()
    {
        // Given the vector files shipped with the tests
        var files = WireVector.AllFiles();

        // When
        var replayed = typeof(VectorCoverageTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<FactAttribute>() is not null)
            .SelectMany(m => m.GetCustomAttributes<ReplaysAttribute>())
            .SelectMany(a => a.Numbers)
            .ToHashSet(StringComparer.Ordinal);

        // Then
        Assert.Equal(22, files.Count);
        var unused = files.Where(f => !replayed.Contains(f[..f.IndexOf('-', StringComparison.Ordinal)])).ToArray();
        Assert.True(unused.Length == 0, "no test replays " + string.Join(", ", unused));
    }

    [Fact]
    public void The_structured_uuid_form_is_the_textual_bytes_split_big_endian()
    {
        // The README's worked example
        var id = Guid.Parse("fbf4a1a1-b4a3-4dfe-a01f-ec52c34e16e4");

        var wire = EsdbUuid.ToStructured(id);

        Assert.Equal((-291430359979831810L, -6908543463154903324L), (wire.Structured.MostSignificantBits, wire.Structured.LeastSignificantBits));
        Assert.Equal(id, EsdbUuid.FromWire(wire));
    }
}
