using BilateralTimeline.Application.Ports;
using Grpc.Core;

namespace BilateralTimeline.EventStore.EventStoreDb;

/// <summary>
/// Turns gRPC failures into the port's typed errors. EventStoreDB names the cause in the trailer
/// "exception" (e.g. stream-deleted, not-leader); transport failures carry no trailer at all.
/// </summary>
public static class EsdbErrors
{
    public static Exception Map(RpcException e, Uri endpoint, string? stream)
    {
        var exception = e.Trailers.GetValue("exception");
        switch (exception)
        {
            case "stream-deleted":
                return new StreamDeletedException(e.Trailers.GetValue("stream-name") ?? stream ?? "?", endpoint.ToString());
            case "not-leader":
                var host = e.Trailers.GetValue("leader-endpoint-host");
                var port = e.Trailers.GetValue("leader-endpoint-port");
                return new NotLeaderException(endpoint.ToString(), host is not null && int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var number) ? new EsdbEndpoint(host, number) : null);
            case "access-denied":
                return new EventStoreAccessDeniedException(endpoint.ToString(), e.Status.Detail);
        }
        if (e.StatusCode == StatusCode.Unknown && e.Status.Detail.Contains("InvalidPosition", StringComparison.Ordinal))
        {
            // What 24.6 answers to a $all read from a position that is not the start of an event record.
            return new InvalidPositionException(endpoint.ToString(), e.Status.Detail);
        }
        return e.StatusCode switch
        {
            StatusCode.Unauthenticated or StatusCode.PermissionDenied => new EventStoreAccessDeniedException(endpoint.ToString(), e.Status.Detail),
            StatusCode.Cancelled => new OperationCanceledException($"the call to EventStoreDB at {endpoint} was cancelled", e),
            StatusCode.Unavailable => new EventStoreUnavailableException($"EventStoreDB at {endpoint} is unreachable ({e.Status.Detail}); check that the server runs and that tls= matches it", e),
            StatusCode.DeadlineExceeded => new EventStoreUnavailableException($"EventStoreDB at {endpoint} did not answer in time; raise defaultDeadline= in the connection string if the server is just slow", e),
            _ => new EventStoreUnavailableException($"EventStoreDB at {endpoint} failed the call{(stream is null ? "" : $" on stream '{stream}'")}: {e.StatusCode} {e.Status.Detail}{(exception is null ? "" : $" ({exception})")}", e),
        };
    }

    /// <summary>
    /// Whether a subscription should reconnect after this, rather than give up.
    /// Transport failures and server restarts are; refusals (deleted stream, access, bad request) are not.
    /// </summary>
    public static bool IsTransient(Exception e) =>
        e.InnerException is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.ResourceExhausted or StatusCode.Cancelled };
}
