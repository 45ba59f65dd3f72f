using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BilateralTimeline.Api.Observability;

/// <summary>
/// The API's own traces and metrics, exported by OpenTelemetry when an operator configures an exporter
/// (OTEL_EXPORTER_OTLP_ENDPOINT). Names follow the OpenTelemetry convention of dotted lower case.
/// </summary>
public static class Telemetry
{
    public const string Name = "BilateralTimeline.Api";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Appends = Meter.CreateCounter<long>("bt.events.appended", "{event}", "Events appended through the API");

    public static readonly Counter<long> Conflicts = Meter.CreateCounter<long>("bt.append.conflicts", "{conflict}", "Writes refused because the ledger moved (412/409)");

    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("bt.requests.failed", "{request}", "Requests answered with a problem, by status");

    public static readonly UpDownCounter<long> StreamClients = Meter.CreateUpDownCounter<long>("bt.sse.clients", "{client}", "Open SSE streams");

    public static readonly Counter<long> SlowConsumersDropped = Meter.CreateCounter<long>("bt.sse.slow_disconnects", "{client}", "SSE clients disconnected because their buffer stayed full");

    private static Func<IEnumerable<(string Projection, long Events, double Seconds)>> _lag = () => [];
    private static int _lagGauges;

    /// <summary>
    /// Projection lag, read from the last status the lag monitor computed. The gauges are created once
    /// per process and report the most recently started server's monitor.
    /// </summary>
    public static void ObserveLag(Func<IEnumerable<(string Projection, long Events, double Seconds)>> read)
    {
        Volatile.Write(ref _lag, read);
        if (Interlocked.Exchange(ref _lagGauges, 1) != 0)
        {
            return;
        }
        Meter.CreateObservableGauge("bt.projection.lag.events", () => Volatile.Read(ref _lag)().Select(l => new Measurement<long>(l.Events, new KeyValuePair<string, object?>("projection", l.Projection))), "{event}", "Events not yet applied to the live projection");
        Meter.CreateObservableGauge("bt.projection.lag.seconds", () => Volatile.Read(ref _lag)().Select(l => new Measurement<double>(l.Seconds, new KeyValuePair<string, object?>("projection", l.Projection))), "s", "Age of the oldest event not yet applied");
    }

    public static void CountFailure(int status) => Failures.Add(1, new KeyValuePair<string, object?>("status", status));
}
