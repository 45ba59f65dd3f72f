using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Application.Tests.Validation;

/// <summary>
/// The text rule's fast paths against plain oracles: <see cref="TextRule.Problem"/> (a vectorised search
/// before the walk) against <see cref="TextRule.ProblemByWalk"/>, and <see cref="TextFields"/> (typed
/// getters, lists by index, numbers and dates skipped) against a walk over every property by reflection
/// that spells each path out as it goes.
/// </summary>
public sealed class TextFieldsTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Every_single_character_is_judged_as_the_walk_judges_it()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = $"ab{(char)c}cd";
            Assert.Equal(TextRule.ProblemByWalk(text), TextRule.Problem(text));
        }
    }

    [Fact]
    public void Random_texts_are_judged_as_the_walk_judges_them()
    {
        char[] alphabet = ['a', ' ', 'ب', '\t', '\n', '\r', '\0', '\u001B', '\u007F', '\u0085', '\u009F', '\u00A0', '\u200F', '\uD83D', '\uDE00', '\uDBFF', '\uDC00', '\uFFFF'];
        var random = new Random(12);
        var refused = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => random.Next(3) == 0 ? alphabet[random.Next(alphabet.Length)] : 'x')]);
            var expected = TextRule.ProblemByWalk(text);
            Assert.Equal(expected, TextRule.Problem(text));
            refused += expected is null ? 0 : 1;
        }
        Assert.InRange(refused, 1_000, 19_000);
    }

    [Theory]
    [InlineData(Samples.Baseline)]
    [InlineData(Samples.Denial)]
    public void Import_files_with_bad_characters_planted_anywhere_get_the_errors_the_plain_walk_finds(string sample)
    {
        var random = new Random(sample.Length);
        var found = 0;
        for (var round = 0; round < 300; round++)
        {
            var file = Samples.Parse(sample);
            var strings = Strings(file).ToList();
            foreach (var node in strings.Where(_ => random.Next(4) == 0))
            {
                var text = node.GetValue<string>();
                var at = random.Next(text.Length + 1);
                node.ReplaceWith(JsonValue.Create(text[..at] + (random.Next(3) switch { 0 => "\u0001", 1 => "\uD800", _ => "\uD83D\uDE00" }) + text[at..]));
            }
            var request = new ImportLedgerFile(file.Deserialize<ImportDocument>(Web)!, new Dictionary<string, string> { ["src-x"] = "\u0001" }, "f.claims.json", "tester\u0002");

            var expected = new List<FieldError>();
            Plain(request, "", 0, expected);
            var actual = TextFields.Problems(request).ToList();

            Assert.Equal(expected, actual);
            found += actual.Count;
        }
        Assert.True(found > 100, $"only {found} problems were planted");
    }

    private static IEnumerable<JsonValue> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v],
        _ => [],
    };

    /// <summary>The oracle: every public property of every record, by reflection, the path spelled out as it goes.</summary>
    private static void Plain(object? value, string path, int depth, List<FieldError> errors)
    {
        if (value is null || depth > 16)
        {
            return;
        }
        switch (value)
        {
            case string text:
                if (TextRule.ProblemByWalk(text) is { } problem)
                {
                    errors.Add(new FieldError(path, problem));
                }
                return;
            case IDictionary:
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    Plain(item, $"{path}[{i++}]", depth + 1, errors);
                }
                return;
        }
        var type = value.GetType();
        if (type.GetMethod("<Clone>$") is null && !(type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null))
        {
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null))
        {
            var name = property.IsDefined(typeof(NotInFieldPathsAttribute)) ? null
                : property.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name ?? char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            var inner = name is null ? path : path.Length == 0 ? name : $"{path}.{name}";
            Plain(property.GetValue(value), inner, depth + 1, errors);
        }
    }
}
