using System.Text.Json;
using System.Text.Json.Serialization;
using BilateralTimeline.Domain.Claims;

namespace BilateralTimeline.Application.Serialization;

/// <summary>Admiralty grades are written as analysts write them: "B", not "b".</summary>
internal sealed class ReliabilityJsonConverter : JsonConverter<Reliability>
{
    public override Reliability Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is { Length: 1 } && Enum.TryParse<Reliability>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new JsonException($"'{text}' is not an Admiralty reliability grade (A–F)");
    }

    public override void Write(Utf8JsonWriter writer, Reliability value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
