using System.Security.Cryptography;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Ledger;

/// <summary>What a recorded command changed: nothing when it was already so.</summary>
public sealed record RecordingResult(string Dyad, int EventsAppended, long StreamRevision, long? LastGlobalPosition);

/// <summary>
/// Decides against a dyad's ledger and appends with the revision the decision was made on, so a
/// concurrent writer makes this fail with a conflict instead of being overwritten.
/// </summary>
public static class LedgerWriter
{
    public static async Task<RecordingResult> RecordAsync(IEventStore store, DyadId dyad, LedgerCommand command, string recordedBy, long? expectedRevision, CancellationToken cancellationToken)
    {
        var (state, revision) = await LedgerReader.LoadStateAsync(store, dyad, cancellationToken).ConfigureAwait(false);
        if (expectedRevision is { } expected && expected != revision)
        {
            throw new WrongExpectedRevisionException(dyad.StreamName, expected < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(expected), revision);
        }
        IReadOnlyList<ILedgerEvent> events;
        try
        {
            events = LedgerDecider.Decide(state, command);
        }
        catch (DomainRuleViolated violation)
        {
            throw new InputRejectedException("the ledger refused the change; nothing was recorded", [new FieldError(violation.Field, violation.Message)]);
        }
        if (events.Count == 0)
        {
            return new RecordingResult(dyad.ToString(), 0, revision, null);
        }
        var result = await AppendDecidedAsync(store, dyad, revision, events, new EventMetadata(recordedBy, Guid.CreateVersion7()), cancellationToken).ConfigureAwait(false);
        return new RecordingResult(dyad.ToString(), result.AlreadyRecorded ? 0 : events.Count, result.LastStreamRevision, result.LastGlobalPosition);
    }

    /// <summary>
    /// Appends events decided on the ledger at <paramref name="revision"/> (-1: none yet), expecting the
    /// stream still to be there. Event ids derive from the decision and that revision, so retrying after
    /// a lost reply lands on the store's idempotent append instead of writing twice.
    /// </summary>
    public static Task<AppendResult> AppendDecidedAsync(IEventStore store, DyadId dyad, long revision, IReadOnlyList<ILedgerEvent> events, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var data = events.Select((e, i) =>
        {
            var bytes = EventSerializer.Serialize(e);
            var type = EventTypes.NameOf(e);
            var id = DeterministicEventId.For(dyad.StreamName, type, $"{revision}:{i}:{Convert.ToHexString(SHA256.HashData(bytes))}");
            return new EventData(id, type, bytes, metadata);
        }).ToList();
        return store.AppendAsync(dyad.StreamName, revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision), data, cancellationToken);
    }
}
