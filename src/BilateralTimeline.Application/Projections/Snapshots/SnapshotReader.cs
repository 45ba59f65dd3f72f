using System.Collections.Immutable;
using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections.Snapshots;

/// <summary>Reads back what <see cref="SnapshotWriter"/> wrote, field for field in the same order.</summary>
internal sealed class SnapshotReader(BinaryReader input)
{
    private readonly List<string> _strings = [];

    public LedgerView Read()
    {
        var lastPosition = input.Read7BitEncodedInt64();
        var eventCount = input.Read7BitEncodedInt64();
        var actors = ActorRegistry.Empty.Actors.ToBuilder();
        for (var i = Count(); i > 0; i--)
        {
            var actor = new ActorEntity(Text(), Text(), [.. Texts()], NullableText());
            actors[actor.ActorId] = actor;
        }
        var sources = ImmutableDictionary.CreateBuilder<string, SourceView>();
        for (var i = Count(); i > 0; i--)
        {
            sources[Text()] = new SourceView(Source(), input.Read7BitEncodedInt64(), Id(), Instant());
        }
        var occurrences = ImmutableDictionary.CreateBuilder<string, OccurrenceView>();
        for (var i = Count(); i > 0; i--)
        {
            occurrences[Text()] = new OccurrenceView(new OccurrenceIdentified(Text(), Text()), input.Read7BitEncodedInt64(), Id());
        }
        var claims = ImmutableDictionary.CreateBuilder<string, ClaimView>();
        for (var i = Count(); i > 0; i--)
        {
            claims[Text()] = Claim();
        }
        var contradictions = ImmutableList.CreateBuilder<ContradictionRecord>();
        for (var i = Count(); i > 0; i--)
        {
            var (claimId, otherClaimId, field, reason, opened) = (Text(), Text(), Text(), Text(), Event());
            var resolved = input.ReadBoolean() ? new ContradictionResolution(Text(), Text(), Event()) : null;
            contradictions.Add(new ContradictionRecord(claimId, otherClaimId, field, reason, opened, resolved, NullableText(), NullableText()));
        }
        return new LedgerView(sources.ToImmutable(), claims.ToImmutable(), occurrences.ToImmutable(), lastPosition, eventCount, contradictions.ToImmutable())
        {
            Actors = new ActorRegistry(actors.ToImmutable()),
        };
    }

    /// <summary>One claim that <see cref="SnapshotWriter.WriteClaim"/> wrote alone.</summary>
    public ClaimView ReadClaim() => Claim();

    private ClaimView Claim()
    {
        var claim = Recorded();
        var (position, eventId, recorded, recordedBy, confidence, retracted, occurrenceId) = (input.Read7BitEncodedInt64(), Id(), Instant(), Text(), Grade(), input.ReadBoolean(), NullableText());
        var changes = ImmutableList.CreateBuilder<ClaimChange>();
        for (var i = Count(); i > 0; i--)
        {
            changes.Add(new ClaimChange(Text(), Text(), input.Read7BitEncodedInt64(), Id(), Instant(), Text()));
        }
        var (corroboratedBy, contradictedBy, supersededBy) = (Texts(), Texts(), NullableText());
        var occurred = input.ReadBoolean() ? claim.Occurred : Time();
        return new ClaimView(claim, position, eventId, recorded, recordedBy, confidence, retracted, occurrenceId, changes.ToImmutable(), [.. corroboratedBy], [.. contradictedBy], supersededBy, occurred);
    }

    private ClaimRecorded Recorded()
    {
        var (claimId, sourceId, kind, summary, modality) = (Text(), Text(), Text(), Text(), (Modality)input.ReadByte());
        var actors = new Actor[Count()];
        for (var i = 0; i < actors.Length; i++)
        {
            actors[i] = new Actor(Text(), Text(), NullableText(), NullableText(), (ActorLevel)input.ReadByte());
        }
        var (place, occurred) = (NullableText(), Time());
        var attribution = new AttributionLink[Count()];
        for (var i = 0; i < attribution.Length; i++)
        {
            attribution[i] = new AttributionLink(Text(), (AttributionKind)input.ReadByte());
        }
        var quotes = new Quote[Count()];
        for (var i = 0; i < quotes.Length; i++)
        {
            quotes[i] = new Quote(input.Read7BitEncodedInt(), input.Read7BitEncodedInt(), Text());
        }
        var confidence = Grade();
        var effects = new StatusEffect[Count()];
        for (var i = 0; i < effects.Length; i++)
        {
            effects[i] = new StatusEffect(Text(), Text(), input.ReadBoolean());
        }
        return new ClaimRecorded(claimId, sourceId, kind, summary, modality, actors, place, occurred, attribution, quotes, confidence, effects, NullableText(), NullableText());
    }

    private SourceRegistered Source()
    {
        var (sourceId, outlet, language, title, url, published) = (Text(), Text(), Text(), Text(), NullableText(), Time());
        DateTimeOffset? retrieved = input.ReadBoolean() ? Instant() : null;
        return new SourceRegistered(sourceId, outlet, language, title, url, published, retrieved, Text(), Text());
    }

    private UncertainTime Time()
    {
        var (phrase, language) = (NullableText(), NullableText());
        var candidates = new CandidateInterval[Count()];
        for (var i = 0; i < candidates.Length; i++)
        {
            var (from, to, precision, method, anchor, reason) = (DateOnly.FromDayNumber(input.Read7BitEncodedInt()), DateOnly.FromDayNumber(input.Read7BitEncodedInt()), (DatePrecision)input.ReadByte(), (ResolutionMethod)input.ReadByte(), NullableText(), NullableText());
            DateTimeOffset? at = input.ReadBoolean() ? Instant() : null;
            candidates[i] = new CandidateInterval(from, to, precision, method, anchor, reason, at, NullableText());
        }
        return new UncertainTime(phrase, language, candidates, Texts());
    }

    private Confidence Grade()
    {
        var (reliability, credibility, likelihood) = ((Reliability)input.ReadByte(), input.Read7BitEncodedInt(), input.ReadByte());
        return new Confidence(reliability, credibility, likelihood == byte.MaxValue ? null : (Likelihood)likelihood);
    }

    private EventRef Event() => new(input.Read7BitEncodedInt64(), Id(), Instant(), Text());

    private DateTimeOffset Instant()
    {
        var ticks = input.ReadInt64();
        return new DateTimeOffset(ticks, TimeSpan.FromMinutes(input.ReadInt16()));
    }

    private Guid Id() => new(input.ReadBytes(16));

    private string[] Texts()
    {
        var texts = new string[Count()];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = Text();
        }
        return texts;
    }

    private int Count() => input.Read7BitEncodedInt();

    // A null where the record says text is carried as it was folded: the snapshot gives back what the fold held.
    private string Text() => NullableText()!;

    private string? NullableText()
    {
        var entry = input.Read7BitEncodedInt();
        if (entry == 0)
        {
            return null;
        }
        if (entry - 1 < _strings.Count)
        {
            return _strings[entry - 1];
        }
        if (entry - 1 != _strings.Count)
        {
            throw new InvalidDataException($"the snapshot names text {entry - 1} before text {_strings.Count}");
        }
        var text = input.ReadString();
        _strings.Add(text);
        return text;
    }
}
