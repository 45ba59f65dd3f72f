using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization.Upcasting;
using BilateralTimeline.Domain;

namespace BilateralTimeline.Application.Serialization;

/// <summary>
/// Decodes raw events (<see cref="RawEvent"/>) into envelopes for one replay, straight from the stored
/// UTF-8 bytes: the wire name is matched as bytes to its JSON metadata, and stream names and metadata,
/// which repeat across neighbouring events, are decoded once per run of equal bytes. Gives the same
/// envelope as <see cref="LedgerReader.ToEnvelope"/> on the same event. One instance per reading thread.
/// </summary>
public sealed class ReplayDecoder(EventUpcasters? upcasters = null)
{
    private readonly EventUpcasters _upcasters = upcasters ?? EventUpcasters.Default;
    private readonly List<(byte[] Utf8, string Name, JsonTypeInfo? Info)> _types = [];
    private readonly FastEventReader _fast = new();
    private readonly Dictionary<string, JsonTypeInfo?> _typesByName = new(StringComparer.Ordinal);
    private byte[] _lastStreamBytes = [];
    private string _lastStream = "";
    private byte[] _lastMetadataBytes = [];
    private string? _lastRecordedBy;

    /// <summary>The stream the last decoded event belongs to.</summary>
    public string Stream(in RawEvent e)
    {
        if (!e.Stream.SequenceEqual(_lastStreamBytes))
        {
            _lastStream = StrictUtf8.GetString(e.Stream);
            _lastStreamBytes = e.Stream.ToArray();
        }
        return _lastStream;
    }

    /// <summary>Null for an event of a type this build does not know (it still counts as read).</summary>
    public LedgerEnvelope? Decode(in RawEvent e)
    {
        try
        {
            var (name, info) = TypeOf(e.Type);
            ILedgerEvent? decoded;
            if (info is not null)
            {
                decoded = _fast.TryRead(info.Type, e.Data) ?? (ILedgerEvent?)JsonSerializer.Deserialize(e.Data, info);
            }
            else if (_upcasters.CanRead(name))
            {
                var (wireName, data) = _upcasters.Upcast(name, e.Data.ToArray());
                if (!EventTypes.TryGetType(wireName, out var type))
                {
                    return null;
                }
                decoded = (ILedgerEvent?)JsonSerializer.Deserialize(data.Span, type!, LedgerJson.Options);
            }
            else
            {
                return null;
            }
            return new LedgerEnvelope(
                decoded ?? throw new CorruptEventException(e.GlobalPosition, "the event's data is JSON null"),
                e.GlobalPosition,
                e.StreamRevision,
                e.EventId,
                e.Recorded,
                RecordedBy(e.Metadata));
        }
        catch (Exception x) when (x is JsonException or DomainRuleViolated or DecoderFallbackException or FormatException or InvalidOperationException)
        {
            throw new CorruptEventException(e.GlobalPosition, x.Message, x);
        }
    }

    /// <summary>The same for an event already read as a <see cref="RecordedEvent"/> (a runner following the log).</summary>
    public LedgerEnvelope? Decode(RecordedEvent recorded)
    {
        if (!_typesByName.TryGetValue(recorded.Type, out var info))
        {
            info = !_upcasters.All.Any(u => u.From == recorded.Type) && EventTypes.TryGetType(recorded.Type, out var type) ? LedgerJson.Options.GetTypeInfo(type!) : null;
            _typesByName[recorded.Type] = info;
        }
        if (info is null)
        {
            return LedgerReader.ToEnvelope(recorded);
        }
        try
        {
            var decoded = _fast.TryRead(info.Type, recorded.Data.Span) ?? (ILedgerEvent?)JsonSerializer.Deserialize(recorded.Data.Span, info)
                ?? throw new CorruptEventException(recorded.GlobalPosition, "the event's data is JSON null");
            return new LedgerEnvelope(decoded, recorded.GlobalPosition, recorded.StreamRevision, recorded.EventId, recorded.Recorded, recorded.Metadata.RecordedBy);
        }
        catch (Exception x) when (x is JsonException or DomainRuleViolated)
        {
            throw new CorruptEventException(recorded.GlobalPosition, x.Message, x);
        }
    }

    private (string Name, JsonTypeInfo? Info) TypeOf(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, name, info) in _types)
        {
            if (utf8.SequenceEqual(bytes))
            {
                return (name, info);
            }
        }
        var wireName = StrictUtf8.GetString(utf8);
        // A name an upcaster reads goes through the upcaster, as EventSerializer does, even if a type has that name.
        var typeInfo = !_upcasters.All.Any(u => u.From == wireName) && EventTypes.TryGetType(wireName, out var type) ? LedgerJson.Options.GetTypeInfo(type!) : null;
        _types.Add((utf8.ToArray(), wireName, typeInfo));
        return (wireName, typeInfo);
    }

    private string RecordedBy(ReadOnlySpan<byte> metadata)
    {
        if (_lastRecordedBy is null || !metadata.SequenceEqual(_lastMetadataBytes))
        {
            _lastRecordedBy = MetadataJson.Deserialize(metadata).RecordedBy;
            _lastMetadataBytes = metadata.ToArray();
        }
        return _lastRecordedBy;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
