using System.Runtime.InteropServices;
using System.Text.Json;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.StateVersions;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.Checkpointed;

/// <summary>
/// "state": per dyad a header row keyed by the dyad (AZE-IRN) and segment rows (AZE-IRN#…) holding the
/// parts of the relationship state that do not depend on the date, as known at its position. A read
/// joins a header's segments and derives the GET /api/state document at the reader's date from them,
/// so the row never goes stale as the score ages; readers see one row per dyad, as before.
/// A commit writes the header and only the segments whose entries its events touched (see
/// <see cref="StateSegments"/>): the whole dyad in one row was 76 MB of JSON at a million events,
/// derived and rewritten on every live commit.
/// </summary>
public sealed class StateProjection : ICheckpointedProjection
{
    public const string ProjectionName = "state";

    /// <summary>
    /// The shape of a whole-dyad row (v3), which builds before the segments wrote: still presented exactly
    /// (its parts are the ones the segments hold), and replaced by a header and its segments when the runner
    /// opens the version. Rows without a format froze the whole state on the day they were written and are
    /// served as stored until then. v3: the stored weights are the published CAMEO → Goldstein table's.
    /// </summary>
    public const string RowFormat = "state-parts/v3";

    /// <summary>A dyad's header: its counts and the keys of its segments, in entry order.</summary>
    public const string HeaderFormat = "state-header/v4";

    /// <summary>One segment: the parts of the entries placed in it, in entry order.</summary>
    public const string SegmentFormat = "state-segment/v4";

    /// <summary>Positions per segment as a power of two: appends rewrite a segment of at most this many positions' entries.</summary>
    public const int DefaultSegmentShift = 12;

    private readonly int _segmentShift;

    public StateProjection()
        : this(DefaultSegmentShift)
    {
    }

    /// <summary>With segments of <c>2^segmentShift</c> positions (small ones let tests spread a small ledger over several).</summary>
    public StateProjection(int segmentShift) => _segmentShift = segmentShift;

    private StateProjection(int segmentShift, StateTermViews largeDyads)
        : this(segmentShift) => _largeDyads = largeDyads;

    private readonly StateTermViews? _largeDyads;

    /// <summary>
    /// The projection of a long-running process: a dyad of <paramref name="largeDyads"/>' smallest size or more is not
    /// folded at all, its rows are drawn at each commit from the state terms those views hold (see
    /// <see cref="StateTermViews"/>), so the process keeps no fold of its history. At a million events that fold was
    /// 430 MB of a server's live heap; the terms it holds anyway for GET /api/state are a tenth of that.
    /// </summary>
    public static StateProjection DrawingLargeDyadsFrom(StateTermViews largeDyads, int segmentShift = DefaultSegmentShift) => new(segmentShift, largeDyads);

    public string Name => ProjectionName;

    public IProjectionFold Start(TimeProvider clock) => new Fold(_segmentShift, _largeDyads);

    public string Present(string document, DateOnly asOf, int? listLimit = null)
    {
        // One parse per read: a row of another shape reads back with no format and is served as stored.
        var row = JsonSerializer.Deserialize<StateRow>(document, LedgerJson.Options);
        return row is { Format: RowFormat, Parts: { } parts } ? Presented(parts, asOf, listLimit) : document;
    }

    public string? OwnerOf(string key) => key.IndexOf('#', StringComparison.Ordinal) is var at and >= 0 ? key[..at] : null;

    public IReadOnlyList<string> PartsOf(string document) =>
        document.StartsWith(HeaderPrefix, StringComparison.Ordinal) && JsonSerializer.Deserialize<StateHeader>(document, LedgerJson.Options) is { Segments: { } segments }
            ? segments
            : [];

    public string Present(string document, IReadOnlyDictionary<string, string> parts, DateOnly asOf, int? listLimit = null)
    {
        if (!document.StartsWith(HeaderPrefix, StringComparison.Ordinal))
        {
            return Present(document, asOf, listLimit);
        }
        var header = JsonSerializer.Deserialize<StateHeader>(document, LedgerJson.Options)!;
        var scored = new List<ScoredEntry>();
        var changes = new List<StatusChange>();
        var contacts = new List<ContactEntry>();
        foreach (var key in header.Segments)
        {
            var segment = JsonSerializer.Deserialize<StateSegmentRow>(parts[key], LedgerJson.Options)!;
            scored.AddRange(segment.Scored);
            changes.AddRange(segment.Changes);
            contacts.AddRange(segment.Contacts);
        }
        var whole = new RelationshipStateParts(header.Dyad, header.LastPosition, header.ClaimsConsidered, header.ClaimsRetracted, scored, changes, contacts);
        return Presented(whole, asOf, listLimit);
    }

    public async ValueTask<string?> PresentHeldAsync(string document, DateOnly asOf, int? listLimit, CancellationToken cancellationToken)
    {
        if (_largeDyads is null || !document.StartsWith(HeaderPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var header = JsonSerializer.Deserialize<StateHeader>(document, LedgerJson.Options)!;
        var state = await _largeDyads.RowStateAsync(DyadId.Parse(header.Dyad), header.LastPosition, asOf, listLimit, cancellationToken).ConfigureAwait(false);
        return state is null ? null : JsonSerializer.Serialize(state with { KnownAt = null, Next = null }, LedgerJson.Options);
    }

    /// <summary>
    /// The row as GET /api/state answers it at <paramref name="asOf"/> with no known-at, with the first <paramref name="movers"/>
    /// movers (null: all) and their count. A row has no cursor: its next movers are GET /api/state's, or a larger limit.
    /// </summary>
    private static string Presented(RelationshipStateParts parts, DateOnly asOf, int? movers) =>
        JsonSerializer.Serialize(parts.At(asOf, null, 0, movers) with { Next = null }, LedgerJson.Options);

    /// <summary>Reads the top-level "format" without building the document: a whole-dyad row of a million events is 76 MB of JSON.</summary>
    public bool IsCurrent(string document)
    {
        // What this build writes starts so: no need to copy the document to find out.
        if (document.StartsWith(HeaderPrefix, StringComparison.Ordinal) || document.StartsWith(SegmentPrefix, StringComparison.Ordinal))
        {
            return true;
        }
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(document));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFormat = reader.ValueTextEquals("format"u8);
            reader.Read();
            if (isFormat)
            {
                return reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals(HeaderFormat) || reader.ValueTextEquals(SegmentFormat));
            }
            reader.Skip();
        }
        return false;
    }

    private static readonly string HeaderPrefix = $"{{\"format\":\"{HeaderFormat}\",";

    private static readonly string SegmentPrefix = $"{{\"format\":\"{SegmentFormat}\",";

    internal static string HeaderDocument(StateHeader header) => JsonSerializer.Serialize(header, LedgerJson.Options);

    internal static string SegmentDocument(StateSegmentRow segment) => JsonSerializer.Serialize(segment, LedgerJson.Options);

    private sealed record StateRow(string Format, RelationshipStateParts Parts);

    /// <summary>What the header row holds: the parts that are counts, and the keys of the segments holding the lists.</summary>
    internal sealed record StateHeader(string Format, string Dyad, long LastPosition, int ClaimsConsidered, int ClaimsRetracted, IReadOnlyList<string> Segments);

    internal sealed record StateSegmentRow(string Format, IReadOnlyList<ScoredEntry> Scored, IReadOnlyList<StatusChange> Changes, IReadOnlyList<ContactEntry> Contacts);

    private sealed class Fold(int segmentShift, StateTermViews? largeDyads) : IProjectionFold
    {
        private readonly Dictionary<string, StateSegments> _dyads = new(StringComparer.Ordinal);
        private readonly Dictionary<string, LargeDyad> _large = new(StringComparer.Ordinal);
        // Per dyad: the events applied, and how many of them the rows last taken (or forgotten) reflect.
        private readonly Dictionary<string, (int Applied, int Taken)> _counts = new(StringComparer.Ordinal);

        // A rebuild decodes the whole log through here: the replay decoder's shape-exact reader and string pool.
        private readonly ReplayDecoder _decoder = new();

        public void Apply(RecordedEvent recorded)
        {
            if (!DyadId.TryFromStreamName(recorded.Stream, out var dyad))
            {
                return;
            }
            var key = dyad!.ToString();
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _);
            count.Applied = (int)Math.Min(int.MaxValue, recorded.StreamRevision + 1);
            if (_large.TryGetValue(key, out var large))
            {
                large.Pending = true;
                return;
            }
            if (largeDyads is not null && count.Applied >= largeDyads.SmallestDyad)
            {
                // From here its rows are drawn from the terms: the fold is let go, the segments its rows list kept so that
                // the first drawing deletes those it lists no more (a fold lists segments whose entries have no part).
                _large[key] = new LargeDyad(dyad, _dyads.Remove(key, out var folded) ? [.. folded.Listed] : []) { Pending = true };
                return;
            }
            if (_decoder.Decode(recorded) is not { } envelope)
            {
                return;
            }
            if (!_dyads.TryGetValue(key, out var segments))
            {
                _dyads[key] = segments = new StateSegments(dyad, segmentShift);
            }
            segments.Apply(envelope);
        }

        // Every dyad folded or drawn has its header row; its segments are written with it, in its shape.
        public IReadOnlyCollection<string> Owners => _counts.Keys;

        public void ForgetChanges()
        {
            foreach (var segments in _dyads.Values.Where(d => d.Pending))
            {
                segments.Forget();
            }
            foreach (var large in _large.Values)
            {
                large.Pending = false;
            }
            Taken();
        }

        public IReadOnlyList<ProjectionRowChange> TakeChanges()
        {
            if (_large.Count > 0)
            {
                throw new InvalidOperationException("rows drawn from stored terms are taken with TakeChangesAsync");
            }
            var changes = TakeFolded();
            Taken();
            return changes;
        }

        public async ValueTask<IReadOnlyList<ProjectionRowChange>> TakeChangesAsync(CancellationToken cancellationToken)
        {
            var changes = TakeFolded();
            foreach (var (key, large) in _large.Where(l => l.Value.Pending))
            {
                var (applied, taken) = _counts[key];
                var drawn = await largeDyads!.DrawRowsAsync(large.Dyad, taken, applied, segmentShift, large.Listed, cancellationToken).ConfigureAwait(false);
                foreach (var (segment, row) in drawn.Changed)
                {
                    changes.Add(new ProjectionRowChange(StateSegments.SegmentKey(key, segment), row is null ? null : SegmentDocument(row)));
                }
                var header = new StateHeader(HeaderFormat, key, drawn.LastPosition, drawn.Claims, drawn.Retracted, drawn.Segments.Select(s => StateSegments.SegmentKey(key, s)).ToList());
                changes.Add(new ProjectionRowChange(key, HeaderDocument(header)));
                large.Listed = [.. drawn.Segments];
                large.Pending = false;
            }
            Taken();
            return changes;
        }

        private List<ProjectionRowChange> TakeFolded()
        {
            var changes = new List<ProjectionRowChange>();
            foreach (var segments in _dyads.Values.Where(d => d.Pending))
            {
                segments.TakeChanges(changes);
            }
            return changes;
        }

        private void Taken()
        {
            foreach (var key in _counts.Keys)
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_counts, key);
                count.Taken = count.Applied;
            }
        }
    }

    /// <summary>A dyad whose rows are drawn from its state terms: the segments its stored rows may list, and whether events arrived since they were taken.</summary>
    private sealed class LargeDyad(DyadId dyad, HashSet<long> listed)
    {
        public DyadId Dyad { get; } = dyad;

        public HashSet<long> Listed { get; set; } = listed;

        public bool Pending { get; set; }
    }
}
