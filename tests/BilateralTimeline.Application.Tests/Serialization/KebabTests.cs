using System.Reflection;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain;

namespace BilateralTimeline.Application.Tests.Serialization;

/// <summary>
/// <see cref="Kebab.TryParse{TEnum}"/> looks names up in a table; the parse-and-write-back it replaced
/// (<see cref="Kebab.TryParseByName{TEnum}"/>) is the oracle, over every enum of the domain and texts
/// near each of its names (other cases, dashes moved, numbers, spaces).
/// </summary>
public sealed class KebabTests
{
    public static TheoryData<Type> DomainEnums() =>
        [.. typeof(ILedgerEvent).Assembly.GetExportedTypes().Where(t => t.IsEnum)];

    [Theory]
    [MemberData(nameof(DomainEnums))]
    public void The_lookup_accepts_and_refuses_what_parsing_by_name_does(Type type)
    {
        var check = typeof(KebabTests).GetMethod(nameof(Same), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
        var accepted = (int)check.Invoke(null, [])!;
        Assert.Equal(Enum.GetValues(type).Cast<object>().Select(v => v.ToString()).Distinct().Count(), accepted);
    }

    private static int Same<TEnum>() where TEnum : struct, Enum
    {
        var random = new Random(typeof(TEnum).Name.Length);
        var texts = new List<string?> { null, "", " ", "-", "0", "1", "-1", "99", "a,b" };
        foreach (var value in Enum.GetValues<TEnum>())
        {
            var name = Kebab.Format(value);
            texts.AddRange([name, name.ToUpperInvariant(), value.ToString(), value.ToString().ToLowerInvariant(), name.Replace("-", ""), $" {name}", $"{name} ", $"{name}-", $"-{name}",
                name.Replace("-", "--"), Convert.ToInt64(value).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{name},{name}"]);
            for (var i = 0; i < 20 && name.Length > 1; i++)
            {
                var at = random.Next(1, name.Length);
                texts.Add(random.Next(2) == 0 ? name[..at] + "-" + name[at..] : name.Remove(at, 1));
            }
        }
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var expected = Kebab.TryParseByName<TEnum>(text, out var expectedValue);
            Assert.Equal(expected, Kebab.TryParse<TEnum>(text, out var value));
            // A refused text leaves the default (parsing by name left whatever it had parsed, which no caller reads).
            Assert.Equal(expected ? expectedValue : default, value);
            if (expected)
            {
                accepted.Add(text!);
            }
        }
        return accepted.Count;
    }
}
