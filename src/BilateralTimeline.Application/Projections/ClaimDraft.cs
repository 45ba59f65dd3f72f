using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// A claim while <see cref="LedgerView.Builder"/> folds: the fields of a <see cref="ClaimView"/> held
/// mutable, with its frozen view kept until the next change. Lists are copied out of the frozen view
/// only when a change touches them, so a claim that never changes costs no copy.
/// </summary>
internal sealed class ClaimDraft
{
    private readonly ClaimRecorded _claim;
    private readonly long _position;
    private readonly Guid _eventId;
    private readonly DateTimeOffset _recorded;
    private readonly string _recordedBy;
    private ClaimView? _frozen;
    private List<ClaimChange>? _changes;
    private List<string>? _corroboratedBy;
    private List<string>? _contradictedBy;

    public ClaimDraft(ClaimView view)
    {
        _claim = view.Claim;
        _position = view.Position;
        _eventId = view.EventId;
        _recorded = view.Recorded;
        _recordedBy = view.RecordedBy;
        Confidence = view.Confidence;
        Retracted = view.Retracted;
        OccurrenceId = view.OccurrenceId;
        SupersededBy = view.SupersededBy;
        Occurred = view.Occurred;
        _frozen = view;
    }

    public ClaimDraft(ClaimRecorded claim, LedgerEnvelope envelope)
    {
        _claim = claim;
        _position = envelope.Position;
        _eventId = envelope.EventId;
        _recorded = envelope.Recorded;
        _recordedBy = envelope.RecordedBy;
        Confidence = claim.Confidence;
        Occurred = claim.Occurred;
    }

    public string ClaimId => _claim.ClaimId;

    public Confidence Confidence { get; set; }

    public bool Retracted { get; set; }

    public string? OccurrenceId { get; set; }

    public string? SupersededBy { get; set; }

    public UncertainTime Occurred { get; set; }

    public List<string> CorroboratedBy => _corroboratedBy ??= [.. _frozen?.CorroboratedBy ?? []];

    public List<string> ContradictedBy => _contradictedBy ??= [.. _frozen?.ContradictedBy ?? []];

    /// <summary>False for a fold that never shows a claim's history (the state projection's runner): its changes are not kept.</summary>
    public bool KeepsChanges { get; init; } = true;

    public void AddChange(ClaimChange change)
    {
        if (KeepsChanges)
        {
            (_changes ??= [.. _frozen?.Changes ?? []]).Add(change);
        }
    }

    /// <summary>Readies the draft for changes; true when it was frozen, i.e. this is its first change since the last freeze.</summary>
    public bool Thaw()
    {
        if (_frozen is not { } frozen)
        {
            return false;
        }
        _changes ??= [.. frozen.Changes];
        _corroboratedBy ??= [.. frozen.CorroboratedBy];
        _contradictedBy ??= [.. frozen.ContradictedBy];
        _frozen = null;
        return true;
    }

    /// <summary>
    /// The claim's view; the mutable lists are let go once frozen (a later change copies them back out of
    /// the view), so a replayed ledger does not hold each claim's history twice.
    /// </summary>
    public ClaimView Freeze()
    {
        if (_frozen is null)
        {
            _frozen = new ClaimView(
                _claim,
                _position,
                _eventId,
                _recorded,
                _recordedBy,
                Confidence,
                Retracted,
                OccurrenceId,
                _changes is null ? [] : [.. _changes],
                _corroboratedBy is null ? [] : [.. _corroboratedBy],
                _contradictedBy is null ? [] : [.. _contradictedBy],
                SupersededBy,
                Occurred);
            _changes = null;
            _corroboratedBy = null;
            _contradictedBy = null;
        }
        return _frozen;
    }
}
