using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Diff.DiffUnderstanding;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.Application.Sensitivity;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.EventStore.Sqlite;
using FsCheck.Xunit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>
/// Removing a source (an origin, the claims below a grade) in a sensitivity replay equals a ledger
/// that never had it: a random ledger is written to one real SQLite store, and the same ledger without
/// the left-out claims, and without every event that names them, to a second store, with the same
/// event ids at the same recording times. The state, the timeline and the diff of the first store
/// with the filter (through the serve index's host) must answer exactly what the second answers
/// without one, positions compared by the event they point at.
/// </summary>
public sealed class SensitivityReplayProperties
{
    private static readonly DyadId Dyad = DyadId.Of("AZE", "IRN");

    private static readonly DateTimeOffset Start = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private enum Leave { Source, Origin, Reliability, Credibility }

    [Property(MaxTest = 20)]
    public Task Leaving_a_source_out_answers_what_a_ledger_that_never_had_it_answers(int seed) => CheckAsync(seed, Leave.Source);

    [Property(MaxTest = 20)]
    public Task Leaving_an_origin_out_answers_what_a_ledger_that_never_had_its_claims_answers(int seed) => CheckAsync(seed, Leave.Origin);

    [Property(MaxTest = 20)]
    public Task A_minimum_reliability_answers_what_a_ledger_without_the_less_reliable_claims_answers(int seed) => CheckAsync(seed, Leave.Reliability);

    [Property(MaxTest = 10)]
    public Task A_minimum_credibility_answers_what_a_ledger_without_the_less_credible_claims_answers(int seed) => CheckAsync(seed, Leave.Credibility);

    private static async Task CheckAsync(int seed, Leave leave)
    {
        var random = new Random(seed);
        var history = SensitivityLedgerGenerator.History(random, random.Next(15, 70));
        var ids = history.Select(_ => NewId(random)).ToList();
        var recorded = new List<DateTimeOffset>();
        var at = Start;
        foreach (var (_, gap) in history)
        {
            at = at.AddSeconds(gap);
            recorded.Add(at);
        }
        var directory = Path.Combine(Path.GetTempPath(), "bt-sensitivity-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            // Given the whole ledger in one store
            var clock = new ManualClock(Start);
            await using var full = SqliteEventStore.Open(Path.Combine(directory, "full.db"), clock);
            await WriteAsync(full, clock, history, ids, recorded, _ => true);
            var middle = random.Next(history.Count / 3, history.Count);
            var tMiddle = recorded[middle];
            var filter = Filter(random, leave, history.Where((_, i) => recorded[i] <= tMiddle).Select(x => x.Event).ToList());
            var asOf = HistoryGenerator.Day(random);
            await using var replayed = Container(full, clock, new LedgerIndex(full));

            var neverHad = new Dictionary<string, (SqliteEventStore Store, ServiceProvider Services)>();
            try
            {
                async Task<ServiceProvider?> LedgerWithout((HashSet<string> Claims, HashSet<string> Occurrences) leftOut, IReadOnlySet<string> sources, DateTimeOffset? knownAt)
                {
                    var (claims, occurrences) = leftOut;
                    bool Keeps(ILedgerEvent e) =>
                        !ClaimsNamedBy(e).Any(claims.Contains)
                        && !(e is SourceRegistered s && sources.Contains(s.SourceId))
                        && !(e is OccurrenceIdentified o && occurrences.Contains(o.OccurrenceId));
                    if (!history.Where((x, i) => (knownAt is null || recorded[i] <= knownAt) && Keeps(x.Event)).Any())
                    {
                        return null;
                    }
                    var key = string.Join(",", claims.Order(StringComparer.Ordinal)) + "|" + string.Join(",", occurrences.Order(StringComparer.Ordinal));
                    if (!neverHad.TryGetValue(key, out var ledger))
                    {
                        // And the ledger that never had the left-out claims and what names them, in a second store
                        var otherClock = new ManualClock(Start);
                        var store = SqliteEventStore.Open(Path.Combine(directory, $"without-{neverHad.Count}.db"), otherClock);
                        await WriteAsync(store, otherClock, history, ids, recorded, Keeps);
                        ledger = (store, Container(store, clock, null));
                        neverHad[key] = ledger;
                    }
                    return ledger.Services;
                }

                var leftOutSources = (filter.WithoutSources ?? []).ToHashSet(StringComparer.Ordinal);
                foreach (var knownAt in new DateTimeOffset?[] { null, tMiddle })
                {
                    var known = history.Where((_, i) => knownAt is null || recorded[i] <= knownAt).Select(x => x.Event).ToList();
                    var leftOut = LeftOut(known, filter);
                    if (await LedgerWithout(leftOut, leftOutSources, knownAt) is not { } without)
                    {
                        continue;
                    }
                    var positions = await PositionsAsync(full);
                    var otherPositions = await PositionsAsync(without.GetRequiredService<IEventStore>());

                    // When the same questions are asked of both, the first with the filter
                    // Then
                    Assert.Equal(
                        await AnswerAsync(without, new GetRelationshipState(null, asOf, knownAt), otherPositions),
                        await AnswerAsync(replayed, new GetRelationshipState(null, asOf, knownAt, filter), positions));
                    Assert.Equal(
                        await AnswerAsync(without, new GetTimeline(null, asOf, knownAt), otherPositions),
                        await AnswerAsync(replayed, new GetTimeline(null, asOf, knownAt, Filter: filter), positions));
                }

                // A diff is one ledger at two times: comparable when both times leave the same claims out.
                var before = recorded[random.Next(0, middle + 1)];
                var after = recorded[^1];
                var leftBefore = LeftOut(history.Where((_, i) => recorded[i] <= before).Select(x => x.Event).ToList(), filter);
                var leftAfter = LeftOut(history.Select(x => x.Event).ToList(), filter);
                if (before < after && leftBefore.Claims.SetEquals(leftAfter.Claims) && leftBefore.Occurrences.SetEquals(leftAfter.Occurrences) && await LedgerWithout(leftAfter, leftOutSources, before) is { } diffLedger)
                {
                    Assert.Equal(
                        await AnswerAsync(diffLedger, new DiffUnderstanding(null, before, after, asOf), await PositionsAsync(diffLedger.GetRequiredService<IEventStore>())),
                        await AnswerAsync(replayed, new DiffUnderstanding(null, before, after, asOf, filter), await PositionsAsync(full)));
                }
            }
            finally
            {
                foreach (var (store, services) in neverHad.Values)
                {
                    await services.DisposeAsync();
                    await store.DisposeAsync();
                }
            }
        }
        finally
        {
            TryDelete(directory);
        }
    }

    /// <summary>A filter naming only what the ledger holds by <paramref name="known"/>'s end, so no name is refused as unknown.</summary>
    private static ReplayFilter Filter(Random random, Leave leave, IReadOnlyList<ILedgerEvent> known)
    {
        switch (leave)
        {
            case Leave.Source:
                var sources = known.OfType<SourceRegistered>().Select(s => s.SourceId).ToList();
                return new ReplayFilter(WithoutSources: [sources[random.Next(sources.Count)]]);
            case Leave.Origin:
                var outlets = known.OfType<SourceRegistered>().ToDictionary(s => s.SourceId, s => s.Outlet);
                var origins = known.OfType<ClaimRecorded>()
                    .SelectMany(c => c.Attribution.Where(a => a.Kind is not (AttributionKind.Source or AttributionKind.Unnamed)).Select(a => a.Name).Append(outlets[c.SourceId]))
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToList();
                var origin = origins[random.Next(origins.Count)];
                // Names compare without case: a lower-cased name must leave out the same claims.
                return new ReplayFilter(WithoutOrigins: [random.Next(2) == 0 ? origin.ToLowerInvariant() : origin]);
            case Leave.Reliability:
                return new ReplayFilter(MinReliability: ((char)('A' + random.Next(6))).ToString());
            default:
                return new ReplayFilter(MinCredibility: (1 + random.Next(6)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// The claims the filter leaves out, judged on the ledger as <paramref name="known"/> holds it (grades
    /// as last revised in it), and the occurrences identified only for them: every claim ever linked to
    /// them is left out (an import identifies an article's occurrences and links its claims to them).
    /// </summary>
    private static (HashSet<string> Claims, HashSet<string> Occurrences) LeftOut(IReadOnlyList<ILedgerEvent> known, ReplayFilter filter)
    {
        var left = LeftOutClaims(known, filter);
        var occurrences = known.OfType<ClaimLinked>().GroupBy(l => l.OccurrenceId)
            .Where(g => g.All(l => left.Contains(l.ClaimId)))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        return (left, occurrences);
    }

    private static HashSet<string> LeftOutClaims(IReadOnlyList<ILedgerEvent> known, ReplayFilter filter)
    {
        var outlets = new Dictionary<string, string>();
        var claims = new Dictionary<string, (ClaimRecorded Claim, Confidence Grade)>();
        foreach (var e in known)
        {
            switch (e)
            {
                case SourceRegistered s:
                    outlets[s.SourceId] = s.Outlet;
                    break;
                case ClaimRecorded c:
                    claims[c.ClaimId] = (c, c.Confidence);
                    break;
                case ConfidenceRevised r when claims.ContainsKey(r.ClaimId):
                    claims[r.ClaimId] = (claims[r.ClaimId].Claim, r.Revised);
                    break;
            }
        }
        const string Letters = "ABCDEF";
        return claims.Where(c =>
                (filter.WithoutSources ?? []).Contains(c.Value.Claim.SourceId)
                || (filter.WithoutOrigins ?? []).Any(o =>
                    string.Equals(o, outlets[c.Value.Claim.SourceId], StringComparison.OrdinalIgnoreCase)
                    || c.Value.Claim.Attribution.Any(a => a.Kind is not (AttributionKind.Source or AttributionKind.Unnamed) && string.Equals(a.Name, o, StringComparison.OrdinalIgnoreCase)))
                || (filter.MinReliability is { } r && Letters.IndexOf(c.Value.Grade.Reliability.ToString(), StringComparison.Ordinal) > Letters.IndexOf(r, StringComparison.Ordinal))
                || (filter.MinCredibility is { } n && c.Value.Grade.Credibility > int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)))
            .Select(c => c.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every claim an event is about: a ledger that never had a claim never had any of these.</summary>
    private static IEnumerable<string> ClaimsNamedBy(ILedgerEvent e) => e switch
    {
        ClaimRecorded c => [c.ClaimId],
        ClaimLinked l => [l.ClaimId],
        ClaimUnlinked u => [u.ClaimId],
        ClaimRetracted r => [r.ClaimId],
        ConfidenceRevised r => [r.ClaimId],
        ClaimRedated r => [r.ClaimId],
        ClaimsCorroborated c => [c.ClaimId, c.OtherClaimId],
        ClaimsContradicted c => [c.ClaimId, c.OtherClaimId],
        ContradictionResolved r => [r.ClaimId, r.OtherClaimId],
        ClaimSuperseded s => [s.ClaimId, s.SupersededBy],
        _ => [],
    };

    private static async Task WriteAsync(SqliteEventStore store, ManualClock clock, IReadOnlyList<(ILedgerEvent Event, int Gap)> history, IReadOnlyList<Guid> ids, IReadOnlyList<DateTimeOffset> recorded, Func<ILedgerEvent, bool> keeps)
    {
        var revision = -1L;
        for (var i = 0; i < history.Count; i++)
        {
            if (!keeps(history[i].Event))
            {
                continue;
            }
            clock.Advance(recorded[i] - clock.GetUtcNow());
            var e = history[i].Event;
            var data = new EventData(ids[i], EventTypes.NameOf(e), EventSerializer.Serialize(e), new EventMetadata("tester"));
            revision = (await store.AppendAsync(Dyad.StreamName, revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision), [data])).LastStreamRevision;
        }
    }

    private static ServiceProvider Container(IEventStore store, TimeProvider clock, ILedgerViews? views)
    {
        var services = new ServiceCollection().AddBilateralTimeline().AddSingleton(store).AddSingleton(clock);
        if (views is not null)
        {
            services.AddSingleton(views);
        }
        return services.BuildServiceProvider();
    }

    private static async Task<Dictionary<long, string>> PositionsAsync(IEventStore store)
    {
        var positions = new Dictionary<long, string>();
        await foreach (var e in store.ReadStreamAsync(Dyad.StreamName))
        {
            positions[e.GlobalPosition] = e.EventId.ToString();
        }
        return positions;
    }

    /// <summary>The answer as JSON with every position replaced by the id of the event there, or the refusal.</summary>
    private static async Task<string> AnswerAsync<T>(ServiceProvider services, IRequest<T> request, IReadOnlyDictionary<long, string> positions)
    {
        try
        {
            var node = JsonSerializer.SerializeToNode(await services.GetRequiredService<IMediator>().Send(request), LedgerJson.Options);
            ByEvent(node, positions);
            return node!.ToJsonString();
        }
        catch (BilateralTimeline.Application.Validation.InputRejectedException e)
        {
            return $"rejected: {e.Message}";
        }
    }

    private static void ByEvent(JsonNode? node, IReadOnlyDictionary<long, string> positions)
    {
        string Id(JsonNode? position) => position is JsonValue v && v.TryGetValue<long>(out var p) ? positions.GetValueOrDefault(p, $"#{p}") : "?";
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (name is "position" or "lastPosition")
                    {
                        o[name] = Id(value);
                    }
                    else if (name == "eventPositions" && value is JsonArray list)
                    {
                        o[name] = new JsonArray(list.Select(p => (JsonNode)JsonValue.Create(Id(p))!).ToArray());
                    }
                    else if (value is JsonValue text && text.TryGetValue<string>(out var words))
                    {
                        o[name] = InWords(words, positions);
                    }
                    else
                    {
                        ByEvent(value, positions);
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue text && text.TryGetValue<string>(out var words))
                    {
                        a[i] = InWords(words, positions);
                    }
                    else
                    {
                        ByEvent(a[i], positions);
                    }
                }
                break;
        }
    }

    /// <summary>Findings name log positions in their words ("open since #5"): those too are compared by the event there.</summary>
    private static string InWords(string words, IReadOnlyDictionary<long, string> positions) =>
        System.Text.RegularExpressions.Regex.Replace(words, @"#(\d+)", m => positions.TryGetValue(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), out var id) ? $"#{id}" : m.Value);

    private static Guid NewId(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
