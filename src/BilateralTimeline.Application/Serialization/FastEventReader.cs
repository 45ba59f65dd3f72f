using System.Text.Json;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Serialization;

/// <summary>
/// Reads the events in the exact shape <see cref="EventSerializer.Serialize"/> writes them, with a
/// forward-only reader and no per-object metadata lookups: the general serializer spends most of a
/// replay on claims. Anything it does not expect (another shape, an unknown property, a value of the
/// wrong kind, bad bytes) makes it give up and return null, and the caller decodes the event with the
/// general serializer, which yields the same event or the same error as before. Not thread-safe.
/// </summary>
internal sealed class FastEventReader
{
    private readonly Utf8StringPool _strings = new();

    // Immutable parts that repeat across claims (a grade, the same minister, the same outlet) are shared:
    // a replay keeps every claim, and fewer objects is less for the collector to walk. Bounded like the strings.
    private readonly Dictionary<(Reliability, int, Likelihood?), Confidence> _confidences = [];
    private readonly Dictionary<(string?, string?, string?, string?, ActorLevel), Actor> _actors = [];
    private readonly Dictionary<(string?, AttributionKind), AttributionLink> _attributions = [];
    private const int MaxShared = 1 << 14;

    // Whole parts of a claim, shared by their bytes (see Utf8ValuePool): equal bytes are not decoded again.
    private readonly Utf8ValuePool<IReadOnlyList<Actor>> _actorLists = new();
    private readonly Utf8ValuePool<IReadOnlyList<AttributionLink>> _attributionLists = new();
    private readonly Utf8ValuePool<IReadOnlyList<Quote>> _quoteLists = new();
    private readonly Utf8ValuePool<IReadOnlyList<StatusEffect>> _effectLists = new();
    private readonly Utf8ValuePool<UncertainTime> _times = new();
    private readonly ElementReader<IReadOnlyList<Actor>?> _readActors;
    private readonly ElementReader<IReadOnlyList<AttributionLink>?> _readAttribution;
    private readonly ElementReader<IReadOnlyList<Quote>?> _readQuotes;
    private readonly ElementReader<IReadOnlyList<StatusEffect>?> _readEffects;
    private readonly ElementReader<UncertainTime?> _readTime;

    public FastEventReader()
    {
        _readActors = (ref Utf8JsonReader r) => List(ref r, ReadActor);
        _readAttribution = (ref Utf8JsonReader r) => List(ref r, ReadAttribution);
        _readQuotes = (ref Utf8JsonReader r) => List(ref r, ReadQuote);
        _readEffects = (ref Utf8JsonReader r) => List(ref r, ReadEffect);
        _readTime = Time;
    }

    /// <summary>The event, or null when this reader does not take this type or this document.</summary>
    public ILedgerEvent? TryRead(Type type, ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            var e = Read(type, ref reader, json);
            // Trailing content is the general serializer's to judge.
            return e is not null && !reader.Read() ? e : null;
        }
        catch (Exception)
        {
            return null;
        }
    }

    private ILedgerEvent? Read(Type type, ref Utf8JsonReader r, ReadOnlySpan<byte> json)
    {
        switch (type.Name)
        {
            case nameof(ClaimRecorded):
                return ReadClaim(ref r, json);
            case nameof(ConfidenceRevised):
                return ReadRevision(ref r);
            case nameof(SourceRegistered):
                return ReadSource(ref r);
            case nameof(ClaimLinked):
            {
                var (a, b, c) = ReadThree(ref r, "claimId"u8, "occurrenceId"u8, "reason"u8);
                return new ClaimLinked(a!, b!, c!);
            }
            case nameof(ClaimUnlinked):
            {
                var (a, b, c) = ReadThree(ref r, "claimId"u8, "occurrenceId"u8, "reason"u8);
                return new ClaimUnlinked(a!, b!, c!);
            }
            case nameof(ClaimsCorroborated):
            {
                var (a, b, c) = ReadThree(ref r, "claimId"u8, "otherClaimId"u8, "reason"u8);
                return new ClaimsCorroborated(a!, b!, c!);
            }
            case nameof(ClaimSuperseded):
            {
                var (a, b, c) = ReadThree(ref r, "claimId"u8, "supersededBy"u8, "reason"u8);
                return new ClaimSuperseded(a!, b!, c!);
            }
            case nameof(ClaimRetracted):
            {
                var (a, b, _) = ReadThree(ref r, "claimId"u8, "reason"u8, []);
                return new ClaimRetracted(a!, b!);
            }
            case nameof(OccurrenceIdentified):
            {
                var (a, b, _) = ReadThree(ref r, "occurrenceId"u8, "title"u8, []);
                return new OccurrenceIdentified(a!, b!);
            }
            case nameof(ActorIdentified):
            {
                var (a, b, _) = ReadThree(ref r, "actorId"u8, "name"u8, []);
                return new ActorIdentified(a!, b!);
            }
            case nameof(ActorAliasAdded):
            {
                var (a, b, c) = ReadThree(ref r, "actorId"u8, "alias"u8, "reason"u8);
                return new ActorAliasAdded(a!, b!, c!);
            }
            case nameof(ActorsMerged):
            {
                var (a, b, c) = ReadThree(ref r, "actorId"u8, "intoActorId"u8, "reason"u8);
                return new ActorsMerged(a!, b!, c!);
            }
            case nameof(ActorsUnmerged):
            {
                var (a, b, c) = ReadThree(ref r, "actorId"u8, "fromActorId"u8, "reason"u8);
                return new ActorsUnmerged(a!, b!, c!);
            }
            default:
                return null;
        }
    }

    private (string?, string?, string?) ReadThree(ref Utf8JsonReader r, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third)
    {
        string? a = null, b = null, c = null;
        Start(ref r);
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals(first))
            {
                a = String(ref r);
            }
            else if (r.ValueTextEquals(second))
            {
                b = String(ref r);
            }
            else if (!third.IsEmpty && r.ValueTextEquals(third))
            {
                c = String(ref r);
            }
            else
            {
                throw Unexpected;
            }
        }
        return (a, b, c);
    }

    private ClaimRecorded ReadClaim(ref Utf8JsonReader r, ReadOnlySpan<byte> json)
    {
        string? claimId = null, sourceId = null, kind = null, summary = null, place = null, note = null, cameo = null;
        Modality modality = default;
        IReadOnlyList<Actor>? actors = null;
        IReadOnlyList<AttributionLink>? attribution = null;
        IReadOnlyList<Quote>? quotes = null;
        IReadOnlyList<StatusEffect>? effects = null;
        UncertainTime? occurred = null;
        Confidence? confidence = null;
        Start(ref r);
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("claimId"u8))
            {
                claimId = String(ref r);
            }
            else if (r.ValueTextEquals("sourceId"u8))
            {
                sourceId = String(ref r);
            }
            else if (r.ValueTextEquals("kind"u8))
            {
                kind = String(ref r);
            }
            else if (r.ValueTextEquals("summary"u8))
            {
                summary = String(ref r);
            }
            else if (r.ValueTextEquals("modality"u8))
            {
                modality = Enum<Modality>(ref r);
            }
            else if (r.ValueTextEquals("actors"u8))
            {
                actors = Shared(ref r, json, _actorLists, _readActors);
            }
            else if (r.ValueTextEquals("place"u8))
            {
                place = String(ref r);
            }
            else if (r.ValueTextEquals("occurred"u8))
            {
                occurred = Shared(ref r, json, _times, _readTime);
            }
            else if (r.ValueTextEquals("attribution"u8))
            {
                attribution = Shared(ref r, json, _attributionLists, _readAttribution);
            }
            else if (r.ValueTextEquals("quotes"u8))
            {
                quotes = Shared(ref r, json, _quoteLists, _readQuotes);
            }
            else if (r.ValueTextEquals("confidence"u8))
            {
                confidence = Confidence(ref r);
            }
            else if (r.ValueTextEquals("effects"u8))
            {
                effects = Shared(ref r, json, _effectLists, _readEffects);
            }
            else if (r.ValueTextEquals("note"u8))
            {
                note = String(ref r);
            }
            else if (r.ValueTextEquals("cameo"u8))
            {
                cameo = String(ref r);
            }
            else
            {
                throw Unexpected;
            }
        }
        return new ClaimRecorded(claimId!, sourceId!, kind!, summary!, modality, actors!, place, occurred!, attribution!, quotes!, confidence!, effects!, note, cameo);
    }

    private ConfidenceRevised ReadRevision(ref Utf8JsonReader r)
    {
        string? claimId = null, reason = null;
        Confidence? previous = null, revised = null;
        Start(ref r);
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("claimId"u8))
            {
                claimId = String(ref r);
            }
            else if (r.ValueTextEquals("previous"u8))
            {
                previous = Confidence(ref r);
            }
            else if (r.ValueTextEquals("revised"u8))
            {
                revised = Confidence(ref r);
            }
            else if (r.ValueTextEquals("reason"u8))
            {
                reason = String(ref r);
            }
            else
            {
                throw Unexpected;
            }
        }
        return new ConfidenceRevised(claimId!, previous!, revised!, reason!);
    }

    private SourceRegistered ReadSource(ref Utf8JsonReader r)
    {
        string? sourceId = null, outlet = null, language = null, title = null, url = null, text = null, sha256 = null;
        UncertainTime? published = null;
        DateTimeOffset? retrieved = null;
        Start(ref r);
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("sourceId"u8))
            {
                sourceId = String(ref r);
            }
            else if (r.ValueTextEquals("outlet"u8))
            {
                outlet = String(ref r);
            }
            else if (r.ValueTextEquals("language"u8))
            {
                language = String(ref r);
            }
            else if (r.ValueTextEquals("title"u8))
            {
                title = String(ref r);
            }
            else if (r.ValueTextEquals("url"u8))
            {
                url = String(ref r);
            }
            else if (r.ValueTextEquals("published"u8))
            {
                published = Time(ref r);
            }
            else if (r.ValueTextEquals("retrieved"u8))
            {
                retrieved = Instant(ref r);
            }
            else if (r.ValueTextEquals("text"u8))
            {
                text = String(ref r);
            }
            else if (r.ValueTextEquals("sha256"u8))
            {
                sha256 = String(ref r);
            }
            else
            {
                throw Unexpected;
            }
        }
        return new SourceRegistered(sourceId!, outlet!, language!, title!, url, published!, retrieved, text!, sha256!);
    }

    private Actor ReadActor(ref Utf8JsonReader r)
    {
        string? name = null, role = null, country = null, title = null;
        ActorLevel level = default;
        Start(ref r);
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("name"u8))
            {
                name = String(ref r);
            }
            else if (r.ValueTextEquals("role"u8))
            {
                role = String(ref r);
            }
            else if (r.ValueTextEquals("country"u8))
            {
                country = String(ref r);
            }
            else if (r.ValueTextEquals("title"u8))
            {
                title = String(ref r);
            }
            else if (r.ValueTextEquals("level"u8))
            {
                level = Enum<ActorLevel>(ref r);
            }
            else
            {
                throw Unexpected;
            }
        }
        return Shared(_actors, (name, role, country, title, level), static k => new Actor(k.Item1!, k.Item2!, k.Item3, k.Item4, k.Item5));
    }

    private AttributionLink ReadAttribution(ref Utf8JsonReader r)
    {
        string? name = null;
        AttributionKind kind = default;
        Start(ref r);
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("name"u8))
            {
                name = String(ref r);
            }
            else if (r.ValueTextEquals("kind"u8))
            {
                kind = Enum<AttributionKind>(ref r);
            }
            else
            {
                throw Unexpected;
            }
        }
        return Shared(_attributions, (name, kind), static k => new AttributionLink(k.Item1!, k.Item2));
    }

    private Quote ReadQuote(ref Utf8JsonReader r)
    {
        int start = 0, end = 0;
        string? text = null;
        Start(ref r);
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("start"u8))
            {
                start = Int(ref r);
            }
            else if (r.ValueTextEquals("end"u8))
            {
                end = Int(ref r);
            }
            else if (r.ValueTextEquals("text"u8))
            {
                text = String(ref r);
            }
            else
            {
                throw Unexpected;
            }
        }
        return new Quote(start, end, text!);
    }

    private StatusEffect ReadEffect(ref Utf8JsonReader r)
    {
        string? subject = null, status = null;
        var crisis = false;
        Start(ref r);
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("subject"u8))
            {
                subject = String(ref r);
            }
            else if (r.ValueTextEquals("status"u8))
            {
                status = String(ref r);
            }
            else if (r.ValueTextEquals("crisis"u8))
            {
                r.Read();
                crisis = r.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw Unexpected,
                };
            }
            else
            {
                throw Unexpected;
            }
        }
        return new StatusEffect(subject!, status!, crisis);
    }

    private Confidence Confidence(ref Utf8JsonReader r)
    {
        var reliability = default(Reliability);
        var credibility = 0;
        Likelihood? likelihood = null;
        Start(ref r);
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("reliability"u8))
            {
                r.Read();
                // The one spelling the writer uses; "b" and other forms are left to the general reader.
                reliability = r.TokenType == JsonTokenType.String && r.ValueSpan is [var grade and >= (byte)'A' and <= (byte)'F'] ? (Reliability)(grade - 'A') : throw Unexpected;
            }
            else if (r.ValueTextEquals("credibility"u8))
            {
                credibility = Int(ref r);
            }
            else if (r.ValueTextEquals("likelihood"u8))
            {
                r.Read();
                likelihood = r.TokenType == JsonTokenType.Null ? null : EnumValue<Likelihood>(ref r);
            }
            else
            {
                throw Unexpected;
            }
        }
        return Shared(_confidences, (reliability, credibility, likelihood), static k => new Confidence(k.Item1, k.Item2, k.Item3));
    }

    private UncertainTime Time(ref Utf8JsonReader r)
    {
        string? phrase = null, language = null;
        IReadOnlyList<CandidateInterval>? candidates = null;
        IReadOnlyList<string>? findings = null;
        Start(ref r);
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("phrase"u8))
            {
                phrase = String(ref r);
            }
            else if (r.ValueTextEquals("language"u8))
            {
                language = String(ref r);
            }
            else if (r.ValueTextEquals("candidates"u8))
            {
                candidates = List(ref r, ReadInterval);
            }
            else if (r.ValueTextEquals("findings"u8))
            {
                findings = List(ref r, (ref Utf8JsonReader x) => String(ref x) ?? throw Unexpected);
            }
            else
            {
                throw Unexpected;
            }
        }
        return new UncertainTime(phrase, language, candidates!, findings!);
    }

    private CandidateInterval ReadInterval(ref Utf8JsonReader r)
    {
        DateOnly from = default, to = default;
        DatePrecision precision = default;
        ResolutionMethod method = default;
        string? anchor = null, reason = null, timeZone = null;
        DateTimeOffset? at = null;
        Start(ref r);
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("from"u8))
            {
                from = Date(ref r);
            }
            else if (r.ValueTextEquals("to"u8))
            {
                to = Date(ref r);
            }
            else if (r.ValueTextEquals("precision"u8))
            {
                precision = Enum<DatePrecision>(ref r);
            }
            else if (r.ValueTextEquals("method"u8))
            {
                method = Enum<ResolutionMethod>(ref r);
            }
            else if (r.ValueTextEquals("anchor"u8))
            {
                anchor = String(ref r);
            }
            else if (r.ValueTextEquals("reason"u8))
            {
                reason = String(ref r);
            }
            else if (r.ValueTextEquals("at"u8))
            {
                at = Instant(ref r);
            }
            else if (r.ValueTextEquals("timeZone"u8))
            {
                timeZone = String(ref r);
            }
            else
            {
                throw Unexpected;
            }
        }
        return new CandidateInterval(from, to, precision, method, anchor, reason, at, timeZone);
    }

    private static TValue Shared<TKey, TValue>(Dictionary<TKey, TValue> shared, TKey key, Func<TKey, TValue> create) where TKey : notnull
    {
        if (shared.TryGetValue(key, out var value))
        {
            return value;
        }
        value = create(key);
        if (shared.Count < MaxShared)
        {
            shared[key] = value;
        }
        return value;
    }

    private delegate T ElementReader<out T>(ref Utf8JsonReader r);

    /// <summary>
    /// The value after the current property name, through <paramref name="pool"/>: an array or object whose
    /// exact bytes were decoded before is that same instance, skipped over rather than decoded again.
    /// <paramref name="json"/> is the document <paramref name="r"/> reads.
    /// </summary>
    private static T? Shared<T>(ref Utf8JsonReader r, ReadOnlySpan<byte> json, Utf8ValuePool<T> pool, ElementReader<T?> read) where T : class
    {
        var checkpoint = r;
        r.Read();
        if (r.TokenType is not (JsonTokenType.StartArray or JsonTokenType.StartObject))
        {
            r = checkpoint;
            return read(ref r);
        }
        var start = (int)r.TokenStartIndex;
        r.Skip();
        var bytes = json[start..(int)r.BytesConsumed];
        if (pool.Find(bytes) is { } known)
        {
            return known;
        }
        r = checkpoint;
        var value = read(ref r);
        if (value is not null)
        {
            pool.Add(bytes, value);
        }
        return value;
    }

    /// <summary>An array of objects (or strings); null for JSON null. Empty lists share one instance.</summary>
    private static IReadOnlyList<T>? List<T>(ref Utf8JsonReader r, ElementReader<T> element)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected;
        }
        List<T>? items = null;
        while (true)
        {
            var checkpoint = r;
            r.Read();
            if (r.TokenType == JsonTokenType.EndArray)
            {
                return items is null ? [] : items.ToArray();
            }
            // Each element reader starts by reading its own first token.
            r = checkpoint;
            (items ??= []).Add(element(ref r));
        }
    }

    private static void Start(ref Utf8JsonReader r)
    {
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected;
        }
    }

    private static bool NextProperty(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw Unexpected,
        };
    }

    private string? String(ref Utf8JsonReader r)
    {
        r.Read();
        return StringValue(ref r);
    }

    private string? StringValue(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String when !r.ValueIsEscaped => _strings.Get(r.ValueSpan),
        JsonTokenType.String => r.GetString(),
        _ => throw Unexpected,
    };

    private static int Int(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType == JsonTokenType.Number ? r.GetInt32() : throw Unexpected;
    }

    private static DateTimeOffset? Instant(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => r.GetDateTimeOffset(),
            _ => throw Unexpected,
        };
    }

    /// <summary>yyyy-MM-dd, the one form the writer uses.</summary>
    private static DateOnly Date(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped || r.ValueSpan is not { Length: 10 } s || s[4] != '-' || s[7] != '-')
        {
            throw Unexpected;
        }
        return new DateOnly(Digits(s[..4]), Digits(s[5..7]), Digits(s[8..]));
    }

    private static int Digits(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var d in digits)
        {
            value = d is >= (byte)'0' and <= (byte)'9' ? (value * 10) + (d - '0') : throw Unexpected;
        }
        return value;
    }

    private static TEnum Enum<TEnum>(ref Utf8JsonReader r) where TEnum : struct, Enum
    {
        r.Read();
        return EnumValue<TEnum>(ref r);
    }

    private static TEnum EnumValue<TEnum>(ref Utf8JsonReader r) where TEnum : struct, Enum
    {
        if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped)
        {
            throw Unexpected;
        }
        foreach (var (utf8, value) in KebabNames<TEnum>.All)
        {
            if (r.ValueSpan.SequenceEqual(utf8))
            {
                return value;
            }
        }
        throw Unexpected;
    }

    private static class KebabNames<TEnum> where TEnum : struct, Enum
    {
        public static readonly (byte[] Utf8, TEnum Value)[] All =
            [.. System.Enum.GetValues<TEnum>().Select(v => (System.Text.Encoding.UTF8.GetBytes(Kebab.Format(v)), v))];
    }

    /// <summary>Thrown to give up on a document; allocated once, as giving up is rare and the caller only catches it.</summary>
    private static readonly FormatException Unexpected = new("not the shape the fast event reader takes");
}
