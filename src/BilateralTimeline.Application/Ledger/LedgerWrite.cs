using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Ledger;

/// <summary>One command of a write, with the field path its refusal is reported under ("" for a bare correction).</summary>
public sealed record PlannedCommand(string Path, LedgerCommand Command);

/// <summary>
/// One write against a dyad's ledger: all its commands land in one atomic append, or none does.
/// </summary>
/// <param name="Dyad">The dyad's ledger written to.</param>
/// <param name="Commands">Decided in order; a refusal of any refuses the write.</param>
/// <param name="RecordedBy">Who is recording (goes into every event's metadata).</param>
/// <param name="ExpectedRevision">The revision the caller last read (-1: no stream yet). Null: "whatever is there now".</param>
/// <param name="Correlation">The correlation id for the events decided; null: a fresh one per write.</param>
/// <param name="Extra">Metadata kept with one decided event beyond who recorded it (e.g. how a drafted claim was accepted); null: none.</param>
public sealed record LedgerWrite(DyadId Dyad, IReadOnlyList<PlannedCommand> Commands, string RecordedBy, long? ExpectedRevision, Func<IReadOnlyList<ILedgerEvent>, Guid>? Correlation = null,
    Func<ILedgerEvent, System.Text.Json.Nodes.JsonObject?>? Extra = null);

/// <summary>What a write appended (nothing when every command was recorded already) and on which attempt it landed.</summary>
public sealed record LedgerWriteResult(DyadId Dyad, IReadOnlyList<ILedgerEvent> Decided, int EventsAppended, long StreamRevision, long? LastGlobalPosition, int Attempts)
{
    public RecordingResult ToRecording() => new(Dyad.ToString(), EventsAppended, StreamRevision, LastGlobalPosition);
}
