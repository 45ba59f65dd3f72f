using System.Text;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Application.Tests.Serialization;

/// <summary>
/// The replay decoder's memory of decoded parts is bounded: a long-lived decoder (a server keeps one per
/// dyad) must not grow with a log whose parts never repeat.
/// </summary>
public sealed class Utf8ValuePoolTests
{
    [Fact]
    public void Equal_bytes_give_back_the_value_remembered_for_them_and_other_bytes_nothing()
    {
        // Given
        var pool = new Utf8ValuePool<string>();
        var value = "decoded";

        // When
        pool.Add("[1,2]"u8, value);

        // Then
        Assert.Same(value, pool.Find(Encoding.UTF8.GetBytes("[1,2]")));
        Assert.Null(pool.Find("[1,3]"u8));
    }

    [Fact]
    public void A_pool_whose_byte_budget_is_spent_forgets_what_it_held_and_starts_again()
    {
        // Given a pool filled with distinct values up to its byte budget
        var pool = new Utf8ValuePool<string>();
        var first = Key(0);
        pool.Add(first, "first");
        var held = first.Length;
        var i = 1;
        while (held + Key(i).Length <= Utf8ValuePool<string>.MaxTotalBytes && i < Utf8ValuePool<string>.Capacity)
        {
            pool.Add(Key(i), $"v{i}");
            held += Key(i).Length;
            i++;
        }
        Assert.Equal("first", pool.Find(first));

        // When one more value does not fit
        pool.Add(Key(i), "last");

        // Then the earlier values are forgotten and the new one is remembered
        Assert.Null(pool.Find(first));
        Assert.Equal("last", pool.Find(Key(i)));
    }

    [Fact]
    public void Bytes_longer_than_a_part_can_be_are_neither_remembered_nor_looked_up()
    {
        // Given
        var pool = new Utf8ValuePool<string>();
        var tooLong = new byte[Utf8ValuePool<string>.MaxBytes + 1];

        // When
        pool.Add(tooLong, "too long");

        // Then
        Assert.Null(pool.Find(tooLong));
    }

    private static byte[] Key(int i) => Encoding.UTF8.GetBytes($"[{{\"text\":\"{new string('x', 200)}\",\"n\":{i}}}]");
}
