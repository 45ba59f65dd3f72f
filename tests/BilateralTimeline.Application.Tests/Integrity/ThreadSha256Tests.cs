using System.Security.Cryptography;
using BilateralTimeline.Application.Integrity;

namespace BilateralTimeline.Application.Tests.Integrity;

/// <summary>
/// The hash object kept per thread (<see cref="ThreadSha256"/>) must give the one-shot SHA-256 of every
/// input, one after another on each of several threads at once (a reset missed would carry one input into the next).
/// </summary>
public sealed class ThreadSha256Tests
{
    [Fact]
    public void Every_input_hashes_as_the_one_shot_call_hashes_it_on_several_threads_at_once()
    {
        Parallel.For(0, 4, thread =>
        {
            var random = new Random(thread);
            Span<byte> into = stackalloc byte[32];
            for (var i = 0; i < 2_000; i++)
            {
                var data = new byte[random.Next(0, i % 10 == 0 ? 70_000 : 700)];
                random.NextBytes(data);
                var expected = SHA256.HashData(data);

                Assert.Equal(expected, ThreadSha256.Hash(data));
                ThreadSha256.Hash(data, into);
                Assert.True(into.SequenceEqual(expected));
            }
        });
    }
}
