using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections.Snapshots;

/// <summary>
/// Writes a <see cref="LedgerView"/> field by field (the layout <see cref="SnapshotReader"/> reads).
/// Every string goes through a table, so an id, an outlet or a recorder named a thousand times is
/// stored once and read back as one instance.
/// </summary>
internal sealed class SnapshotWriter(BinaryWriter output)
{
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);

    public void Write(LedgerView view)
    {
        output.Write7BitEncodedInt64(view.LastPosition);
        output.Write7BitEncodedInt64(view.EventCount);
        Count(view.Actors.Actors.Count);
        foreach (var actor in view.Actors.Actors.Values)
        {
            Text(actor.ActorId);
            Text(actor.Name);
            Texts(actor.Aliases);
            Text(actor.MergedInto);
        }
        Count(view.Sources.Count);
        foreach (var (key, source) in view.Sources)
        {
            Text(key);
            Source(source.Source);
            output.Write7BitEncodedInt64(source.Position);
            output.Write(source.EventId.ToByteArray());
            Instant(source.Recorded);
        }
        Count(view.Occurrences.Count);
        foreach (var (key, occurrence) in view.Occurrences)
        {
            Text(key);
            Text(occurrence.Occurrence.OccurrenceId);
            Text(occurrence.Occurrence.Title);
            output.Write7BitEncodedInt64(occurrence.Position);
            output.Write(occurrence.EventId.ToByteArray());
        }
        Count(view.Claims.Count);
        foreach (var (key, claim) in view.Claims)
        {
            Text(key);
            Claim(claim);
        }
        Count(view.Contradictions.Count);
        foreach (var contradiction in view.Contradictions)
        {
            Text(contradiction.ClaimId);
            Text(contradiction.OtherClaimId);
            Text(contradiction.Field);
            Text(contradiction.Reason);
            Event(contradiction.Opened);
            output.Write(contradiction.Resolved is not null);
            if (contradiction.Resolved is { } resolved)
            {
                Text(resolved.Resolution);
                Text(resolved.Reason);
                Event(resolved.Event);
            }
            Text(contradiction.Detail);
            Text(contradiction.RecordedField);
        }
    }

    /// <summary>One claim alone, as the view's claims are laid out (the state terms' claim rows).</summary>
    public void WriteClaim(ClaimView claim) => Claim(claim);

    private void Claim(ClaimView claim)
    {
        Recorded(claim.Claim);
        output.Write7BitEncodedInt64(claim.Position);
        output.Write(claim.EventId.ToByteArray());
        Instant(claim.Recorded);
        Text(claim.RecordedBy);
        Grade(claim.Confidence);
        output.Write(claim.Retracted);
        Text(claim.OccurrenceId);
        Count(claim.Changes.Count);
        foreach (var change in claim.Changes)
        {
            Text(change.What);
            Text(change.Reason);
            output.Write7BitEncodedInt64(change.Position);
            output.Write(change.EventId.ToByteArray());
            Instant(change.Recorded);
            Text(change.RecordedBy);
        }
        Texts(claim.CorroboratedBy);
        Texts(claim.ContradictedBy);
        Text(claim.SupersededBy);
        // Most claims were never re-dated: their time is the record's own instance, kept shared on the way back.
        var asRecorded = ReferenceEquals(claim.Occurred, claim.Claim.Occurred);
        output.Write(asRecorded);
        if (!asRecorded)
        {
            Time(claim.Occurred);
        }
    }

    private void Recorded(ClaimRecorded claim)
    {
        Text(claim.ClaimId);
        Text(claim.SourceId);
        Text(claim.Kind);
        Text(claim.Summary);
        output.Write((byte)claim.Modality);
        Count(claim.Actors.Count);
        foreach (var actor in claim.Actors)
        {
            Text(actor.Name);
            Text(actor.Role);
            Text(actor.Country);
            Text(actor.Title);
            output.Write((byte)actor.Level);
        }
        Text(claim.Place);
        Time(claim.Occurred);
        Count(claim.Attribution.Count);
        foreach (var link in claim.Attribution)
        {
            Text(link.Name);
            output.Write((byte)link.Kind);
        }
        Count(claim.Quotes.Count);
        foreach (var quote in claim.Quotes)
        {
            output.Write7BitEncodedInt(quote.Start);
            output.Write7BitEncodedInt(quote.End);
            Text(quote.Text);
        }
        Grade(claim.Confidence);
        Count(claim.Effects.Count);
        foreach (var effect in claim.Effects)
        {
            Text(effect.Subject);
            Text(effect.Status);
            output.Write(effect.Crisis);
        }
        Text(claim.Note);
        Text(claim.Cameo);
    }

    private void Source(SourceRegistered source)
    {
        Text(source.SourceId);
        Text(source.Outlet);
        Text(source.Language);
        Text(source.Title);
        Text(source.Url);
        Time(source.Published);
        output.Write(source.Retrieved is not null);
        if (source.Retrieved is { } retrieved)
        {
            Instant(retrieved);
        }
        Text(source.Text);
        Text(source.Sha256);
    }

    private void Time(UncertainTime time)
    {
        Text(time.Phrase);
        Text(time.Language);
        Count(time.Candidates.Count);
        foreach (var candidate in time.Candidates)
        {
            output.Write7BitEncodedInt(candidate.From.DayNumber);
            output.Write7BitEncodedInt(candidate.To.DayNumber);
            output.Write((byte)candidate.Precision);
            output.Write((byte)candidate.Method);
            Text(candidate.Anchor);
            Text(candidate.Reason);
            output.Write(candidate.At is not null);
            if (candidate.At is { } at)
            {
                Instant(at);
            }
            Text(candidate.TimeZone);
        }
        Texts(time.Findings);
    }

    private void Grade(Confidence confidence)
    {
        output.Write((byte)confidence.Reliability);
        output.Write7BitEncodedInt(confidence.Credibility);
        // 255: no likelihood; every defined one is below it.
        output.Write(confidence.Likelihood is { } likelihood ? (byte)likelihood : byte.MaxValue);
    }

    private void Event(EventRef reference)
    {
        output.Write7BitEncodedInt64(reference.Position);
        output.Write(reference.EventId.ToByteArray());
        Instant(reference.Recorded);
        Text(reference.RecordedBy);
    }

    private void Instant(DateTimeOffset instant)
    {
        output.Write(instant.Ticks);
        output.Write((short)instant.TotalOffsetMinutes);
    }

    private void Texts(IReadOnlyCollection<string> texts)
    {
        Count(texts.Count);
        foreach (var text in texts)
        {
            Text(text);
        }
    }

    private void Count(int count) => output.Write7BitEncodedInt(count);

    /// <summary>0: null; n: the (n-1)-th string of the table, which is written in full where it first occurs.</summary>
    private void Text(string? text)
    {
        if (text is null)
        {
            output.Write7BitEncodedInt(0);
            return;
        }
        if (_strings.TryGetValue(text, out var index))
        {
            output.Write7BitEncodedInt(index + 1);
            return;
        }
        index = _strings.Count;
        _strings[text] = index;
        output.Write7BitEncodedInt(index + 1);
        output.Write(text);
    }
}
