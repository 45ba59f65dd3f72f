using System.Text;

namespace BilateralTimeline.Api.Tests.Support;

/// <summary>One complete Server-Sent Events message.</summary>
public sealed record SseMessage(string? Id, string? Event, string Data);

/// <summary>
/// Parses text/event-stream as a browser does: a message counts only once its blank line arrived, so a
/// connection cut mid-message loses that message (and the client resumes before it).
/// </summary>
public static class SseReader
{
    public static async IAsyncEnumerable<SseMessage> ReadAsync(Stream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? id = null, type = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    yield return new SseMessage(id, type, data.ToString());
                }
                id = null;
                type = null;
                data.Clear();
                continue;
            }
            if (line.StartsWith(':'))
            {
                continue;
            }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    data.Append(data.Length > 0 ? "\n" : "").Append(value);
                    break;
            }
        }
    }
}
