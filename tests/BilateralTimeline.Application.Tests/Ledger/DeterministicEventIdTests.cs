using System.Security.Cryptography;
using BilateralTimeline.Application.Ledger;

namespace BilateralTimeline.Application.Tests.Ledger;

/// <summary>
/// A decided event's id is written into a buffer (<see cref="DeterministicEventId.ForDecided"/>); the id it
/// stood for, built from strings, is the oracle: stored ids must never change.
/// </summary>
public sealed class DeterministicEventIdTests
{
    [Fact]
    public void A_decided_events_id_is_the_one_its_key_text_gives()
    {
        var random = new Random(3);
        string[] streams = ["dyad-AZE-IRN", "dyad-ARM-AZE", "", "dyad-ü-ب-😀"];
        string[] types = ["claim-recorded/v1", "source-registered/v1", "x"];
        for (var i = 0; i < 2_000; i++)
        {
            var stream = streams[random.Next(streams.Length)];
            var type = types[random.Next(types.Length)];
            long revision = random.Next(4) switch { 0 => -1, 1 => 0, 2 => long.MaxValue, _ => random.NextInt64(-1, 10_000_000) };
            var index = random.Next(3) == 0 ? int.MaxValue : random.Next(0, 60_000);
            var data = new byte[random.Next(0, 3_000)];
            random.NextBytes(data);

            Assert.Equal(
                DeterministicEventId.For(stream, type, $"{revision}:{index}:{Convert.ToHexString(SHA256.HashData(data))}"),
                DeterministicEventId.ForDecided(stream, type, revision, index, data));
        }
    }
}
