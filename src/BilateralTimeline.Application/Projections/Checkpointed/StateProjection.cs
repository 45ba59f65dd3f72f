using System.Text.Json;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.Checkpointed;

/// <summary>
/// "state": one row per dyad, keyed by the dyad (AZE-IRN), holding the relationship state as of the
/// day the row was written and as known at its position: the document GET /api/state returns.
/// </summary>
public sealed class StateProjection : ICheckpointedProjection
{
    public const string ProjectionName = "state";

    public string Name => ProjectionName;

    public IProjectionFold Start(TimeProvider clock) => new Fold(clock);

    private sealed class Fold(TimeProvider clock) : IProjectionFold
    {
        private readonly Dictionary<string, (DyadId Dyad, LedgerView.Builder View)> _dyads = new(StringComparer.Ordinal);
        private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);

        public void Apply(RecordedEvent recorded)
        {
            if (!DyadId.TryFromStreamName(recorded.Stream, out var dyad) || LedgerReader.ToEnvelope(recorded) is not { } envelope)
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

        public IReadOnlyList<ProjectionRowChange> TakeChanges()
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var changes = _dirty.Select(key =>
            {
                var state = RelationshipStateProjection.Build(key, _dyads[key].View.ToImmutable(), today, null);
                return new ProjectionRowChange(key, JsonSerializer.Serialize(state, LedgerJson.Options));
            }).ToList();
            _dirty.Clear();
            return changes;
        }
    }
}
