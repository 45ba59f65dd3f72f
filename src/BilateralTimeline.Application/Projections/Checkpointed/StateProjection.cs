using System.Text.Json;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.Checkpointed;

/// <summary>
/// "state": one row per dyad, keyed by the dyad (AZE-IRN), holding the parts of the relationship state
/// that do not depend on the date, as known at its position. A read derives the GET /api/state document
/// at the reader's date from them, so the row never goes stale as the score ages.
/// </summary>
public sealed class StateProjection : ICheckpointedProjection
{
    public const string ProjectionName = "state";

    /// <summary>
    /// The shape of a stored row. Rows without it were written by builds that froze the whole state on
    /// the day they were written; they are served as stored until the runner rewrites them. v3: the stored
    /// weights are the published CAMEO → Goldstein table's and a claim's own finer code's (v2 rows carry
    /// the old praise and threat weights), so the runner rewrites v2 rows on upgrade.
    /// </summary>
    public const string RowFormat = "state-parts/v3";

    public string Name => ProjectionName;

    public IProjectionFold Start(TimeProvider clock) => new Fold();

    public string Present(string document, DateOnly asOf)
    {
        // One parse per read: a row of another shape reads back with no format and is served as stored.
        var row = JsonSerializer.Deserialize<StateRow>(document, LedgerJson.Options);
        return row is { Format: RowFormat, Parts: { } parts } ? JsonSerializer.Serialize(parts.At(asOf, null), LedgerJson.Options) : document;
    }

    /// <summary>Reads the top-level "format" without building the document: a million-event dyad's row is 76 MB of JSON.</summary>
    public bool IsCurrent(string document)
    {
        // What this build writes starts so: no need to copy the document to find out.
        if (document.StartsWith(CurrentPrefix, StringComparison.Ordinal))
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
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(RowFormat);
            }
            reader.Skip();
        }
        return false;
    }

    private static readonly string CurrentPrefix = $"{{\"format\":\"{RowFormat}\",";

    private sealed record StateRow(string Format, RelationshipStateParts Parts);

    private sealed class Fold : IProjectionFold
    {
        private readonly Dictionary<string, (DyadId Dyad, LedgerView.Builder View)> _dyads = new(StringComparer.Ordinal);
        private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);

        // A rebuild decodes the whole log through here: the replay decoder's shape-exact reader and string pool.
        private readonly ReplayDecoder _decoder = new();

        public void Apply(RecordedEvent recorded)
        {
            if (!DyadId.TryFromStreamName(recorded.Stream, out var dyad) || _decoder.Decode(recorded) is not { } envelope)
            {
                return;
            }
            var key = dyad!.ToString();
            if (!_dyads.TryGetValue(key, out var entry))
            {
                entry = (dyad, LedgerView.Create().ToBuilder());
                _dyads[key] = entry;
            }
            entry.View.Apply(envelope);
            _dirty.Add(key);
        }

        public void ForgetChanges() => _dirty.Clear();

        public IReadOnlyList<ProjectionRowChange> TakeChanges()
        {
            var changes = _dirty.Select(key =>
            {
                var parts = RelationshipStateParts.Of(key, _dyads[key].View.ToImmutable());
                return new ProjectionRowChange(key, JsonSerializer.Serialize(new StateRow(RowFormat, parts), LedgerJson.Options));
            }).ToList();
            _dirty.Clear();
            return changes;
        }
    }
}
