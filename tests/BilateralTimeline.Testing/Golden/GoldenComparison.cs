using System.Text.Json;
using System.Text.Json.Nodes;

namespace BilateralTimeline.Testing.Golden;

/// <summary>
/// Runs every query of a golden set against a store holding its log and compares each output with the
/// checked-in one after the reviewed expectations; collects every difference, so one run shows them all.
/// </summary>
public static class GoldenComparison
{
    /// <param name="set">The golden set.</param>
    /// <param name="store">The store kind, as expectations name it: sqlite, postgres or eventstoredb.</param>
    /// <param name="run">Runs bt with the query's arguments against the loaded store.</param>
    /// <param name="normalise">Maps what the store legitimately numbers differently (EventStoreDB's positions) back; applied to the actual output.</param>
    /// <param name="skip">Queries this store cannot answer alike, with the reason (shown in failures).</param>
    /// <returns>One line per problem; empty when every output is as checked in.</returns>
    public static async Task<IReadOnlyList<string>> CompareAsync(GoldenSet set, string store, Func<IReadOnlyList<string>, Task<BtResult>> run, Func<string, JsonNode, JsonNode>? normalise = null, IReadOnlyDictionary<string, string>? skip = null)
    {
        var problems = new List<string>();
        var queries = set.Queries();
        var expectations = GoldenExpectations.Read(set.ExpectationsPath);
        foreach (var stale in expectations.Where(e => queries.All(q => q.Name != e.Output)))
        {
            problems.Add($"expectations.json names output '{stale.Output}', which queries.json does not have");
        }
        foreach (var query in queries.Where(q => skip is null || !skip.ContainsKey(q.Name)))
        {
            var result = await run(query.Args);
            if (result.ExitCode != 0)
            {
                problems.Add($"{query.Name}: bt {string.Join(' ', query.Args)} exited {result.ExitCode}: {result.Stderr.Trim()}");
                continue;
            }
            JsonNode actual;
            try
            {
                actual = JsonNode.Parse(result.Stdout)!;
            }
            catch (JsonException e)
            {
                problems.Add($"{query.Name}: output is not JSON ({e.Message})");
                continue;
            }
            if (normalise is not null)
            {
                actual = normalise(query.Name, actual);
            }
            JsonNode expected;
            try
            {
                expected = GoldenExpectations.Apply(set.ExpectedOutput(query.Name), expectations, query.Name, store);
            }
            catch (InvalidDataException e)
            {
                problems.Add($"{query.Name}: {e.Message}");
                continue;
            }
            if (GoldenExpectations.FirstDifference(expected, actual) is { } difference)
            {
                problems.Add($"{query.Name} on {store} differs from tests/golden/{set.Name}/outputs/{query.Name}.json at {difference}");
            }
        }
        return problems;
    }

    /// <summary>The message a failing golden test shows: every problem, then what to do.</summary>
    public static string Explain(GoldenSet set, IReadOnlyList<string> problems) =>
        $"""
        The golden log tests/golden/{set.Name} no longer reads the same ({problems.Count} problem(s)):
          {string.Join("\n  ", problems)}
        A stored event must keep decoding to what it meant, and a projection's output may change only on purpose.
        If this change is intended, either add a reviewed entry to tests/golden/{set.Name}/expectations.json
        (output, op, path, value, reason) or rewrite the outputs with `bash tests/golden/regenerate.sh outputs`,
        and give the reason in the commit. Never rewrite events.jsonl to make this pass (tests/golden/README.md).
        """;
}
