using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Shared;

/// <summary>How adapters store a document's fields: one JSON column, read back whole with the document.</summary>
public static class SearchFieldsJson
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static string Write(IReadOnlyList<SearchField> fields) => System.Text.Json.JsonSerializer.Serialize(fields, Options);

    public static IReadOnlyList<SearchField> Read(string json) => System.Text.Json.JsonSerializer.Deserialize<List<SearchField>>(json, Options) ?? [];
}
