using System.Text;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Tests.Serialization;

/// <summary>
/// Stored bytes feed event ids and the hash chain, so the hand-written JSON of the import's events
/// (<see cref="HotEventJson"/>) must be the serializer's byte for byte: random events of every type it
/// writes (texts needing escapes, every enum value, nulls wherever a null can stand, empty and null lists)
/// against <see cref="EventSerializer.SerializeWithOptions"/>.
/// </summary>
public sealed class HotEventJsonTests
{
    private const int Rounds = 3_000;

    public static TheoryData<string> Types => ["claim", "linked", "occurrence", "corroborated", "revised"];

    [Theory]
    [MemberData(nameof(Types))]
    public void Random_events_are_written_byte_for_byte_as_the_serializer_writes_them(string type)
    {
        var random = new Random(type.Length * 7919);
        for (var i = 0; i < Rounds; i++)
        {
            ILedgerEvent e = type switch
            {
                "claim" => Claim(random),
                "linked" => new ClaimLinked(Text(random)!, Text(random)!, Text(random)!),
                "occurrence" => new OccurrenceIdentified(Text(random)!, Text(random)!),
                "corroborated" => new ClaimsCorroborated(Text(random)!, Text(random)!, Text(random)!),
                _ => new ConfidenceRevised(Text(random)!, Confidence(random)!, Confidence(random)!, Text(random)!),
            };
            var expected = EventSerializer.SerializeWithOptions(e);
            var actual = EventSerializer.Serialize(e);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"serializer: {Encoding.UTF8.GetString(expected)}\nhand-written: {Encoding.UTF8.GetString(actual)}");
        }
    }

    /// <summary>
    /// The random events set what the constructors take; a property added later with a default would be left out of
    /// every imported event without a word. So the serializer's own list of each hand-written type's properties is held
    /// to the list <see cref="HotEventJson"/> writes: a new one fails here until it is written there too.
    /// </summary>
    [Theory]
    [InlineData(typeof(ClaimRecorded), "claimId sourceId kind summary modality actors place occurred attribution quotes confidence effects note cameo")]
    [InlineData(typeof(ClaimLinked), "claimId occurrenceId reason")]
    [InlineData(typeof(OccurrenceIdentified), "occurrenceId title")]
    [InlineData(typeof(ClaimsCorroborated), "claimId otherClaimId reason")]
    [InlineData(typeof(ConfidenceRevised), "claimId previous revised reason")]
    [InlineData(typeof(Actor), "name role country title level")]
    [InlineData(typeof(AttributionLink), "name kind")]
    [InlineData(typeof(Quote), "start end text")]
    [InlineData(typeof(StatusEffect), "subject status crisis")]
    [InlineData(typeof(Confidence), "reliability credibility likelihood")]
    [InlineData(typeof(UncertainTime), "phrase language candidates findings")]
    [InlineData(typeof(CandidateInterval), "from to precision method anchor reason at timeZone")]
    public void Every_property_the_serializer_writes_of_a_hand_written_type_is_one_the_hand_writer_writes(Type type, string written)
    {
        var serialized = LedgerJson.Options.GetTypeInfo(type).Properties.Select(p => p.Name);
        Assert.True(written.Split(' ').SequenceEqual(serialized), $"{type.Name} is written by hand in HotEventJson as [{written}], but the serializer writes [{string.Join(' ', serialized)}]: write the new property there, in this order, and list it here");
    }

    [Fact]
    public void Other_events_still_go_through_the_serializer()
    {
        var e = new ClaimRetracted("c-1", "wrong \"source\"");
        Assert.Equal(EventSerializer.SerializeWithOptions(e), EventSerializer.Serialize(e));
    }

    private static ClaimRecorded Claim(Random random) => new(
        Text(random)!, Text(random)!, Text(random)!, Text(random)!, Pick<Modality>(random),
        List(random, r => new Actor(Text(r)!, Text(r)!, Text(r), Text(r), Pick<ActorLevel>(r)))!,
        Text(random), random.Next(8) == 0 ? null! : Time(random),
        List(random, r => new AttributionLink(Text(r)!, Pick<AttributionKind>(r)))!,
        List(random, r => new Quote(r.Next(-5, 100_000), r.Next(int.MinValue, int.MaxValue), Text(r)!))!,
        Confidence(random)!,
        List(random, r => new StatusEffect(Text(r)!, Text(r)!, r.Next(2) == 0))!,
        Text(random), Text(random));

    private static UncertainTime Time(Random random) => new(
        Text(random), Text(random),
        List(random, r => new CandidateInterval(
            DateOnly.FromDayNumber(r.Next(DateOnly.MaxValue.DayNumber)), DateOnly.FromDayNumber(r.Next(DateOnly.MaxValue.DayNumber)),
            Pick<DatePrecision>(r), Pick<ResolutionMethod>(r), Text(r), Text(r),
            r.Next(3) == 0 ? new DateTimeOffset(r.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.FromMinutes(r.Next(-14 * 60, 14 * 60))) : null,
            Text(r)))!,
        List(random, Text)!);

    private static Confidence? Confidence(Random random) =>
        random.Next(10) == 0 ? null : new(Pick<Reliability>(random), random.Next(-1, 8), random.Next(2) == 0 ? null : Pick<Likelihood>(random));

    private static T Pick<T>(Random random) where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        return values[random.Next(values.Length)];
    }

    /// <summary>Null, empty or a few items, now and then a null item.</summary>
    private static List<T?>? List<T>(Random random, Func<Random, T?> item) where T : class =>
        random.Next(10) switch
        {
            0 => null,
            1 => [],
            _ => [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(12) == 0 ? null : item(random))],
        };

    private static readonly string[] Pieces =
    [
        "a", "Synthetic claim c-1", "جيشا البلدين", "وأجرى", " ", "\"", "\\", "/", "<", ">", "&", "'", "+", "`", "\t", "\n", "\r", "\u0000", "\u001B",
        "\u007F", "\u0085", "\u00A0", "é", "\u200F", "\u2028", "\u2029", "\uFEFF", "😀", "\uD800", "\uDC00", "\uFFFF", "embassy:AZE@Tehran", "2023-01-10",
    ];

    private static string? Text(Random random) =>
        random.Next(6) == 0 ? null : string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => Pieces[random.Next(Pieces.Length)]));
}
