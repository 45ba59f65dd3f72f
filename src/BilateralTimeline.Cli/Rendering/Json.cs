using System.Text.Json;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Cli.Rendering;

internal static class Json
{
    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, LedgerJson.Indented));
}
