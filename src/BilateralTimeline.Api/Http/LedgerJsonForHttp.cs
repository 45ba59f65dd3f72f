using System.Text.Json;
using System.Text.Json.Serialization;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Api.Http;

/// <summary>
/// HTTP bodies use the ledger's JSON options (the CLI's --format json), so one document contract
/// serves both; request bodies additionally refuse unknown fields, naming them.
/// </summary>
internal static class LedgerJsonForHttp
{
    public static void Apply(JsonSerializerOptions target)
    {
        var source = LedgerJson.Options;
        target.PropertyNamingPolicy = source.PropertyNamingPolicy;
        target.DefaultIgnoreCondition = source.DefaultIgnoreCondition;
        target.Encoder = source.Encoder;
        target.TypeInfoResolver = source.TypeInfoResolver;
        target.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        target.AllowDuplicateProperties = false;
        target.Converters.Clear();
        foreach (var converter in source.Converters)
        {
            target.Converters.Add(converter);
        }
    }
}
