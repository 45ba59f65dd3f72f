using System.Diagnostics.Metrics;
using System.Net;
using BilateralTimeline.Api.Observability;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Tests;

public sealed class WebPageAndTelemetryTests
{
    [Fact]
    public async Task The_web_root_is_served_at_the_root_path_without_a_key()
    {
        var root = Path.Combine(Path.GetTempPath(), "bt-web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "<!doctype html><title>placeholder page for this test</title>");
        try
        {
            await using var server = await ApiServer.StartAsync(new ApiSettings { WebRoot = root }, importSamples: false);
            using var anonymous = server.Client();

            var page = await anonymous.GetAsync("/");

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("placeholder page for this test", await page.Content.ReadAsStringAsync());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Each_use_case_is_a_span_named_after_its_request()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == Telemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = activity => spans.Enqueue(activity.OperationName),
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Consumer);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/state")).StatusCode);

        Assert.Contains("GetRelationshipState", spans);
    }

    [Fact]
    public async Task Appends_and_conflicts_are_measured()
    {
        long appended = 0, conflicts = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Telemetry.Name && instrument.Name is "bt.events.appended" or "bt.append.conflicts")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "bt.events.appended")
            {
                Interlocked.Add(ref appended, value);
            }
            else
            {
                Interlocked.Add(ref conflicts, value);
            }
        });
        listener.Start();
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var analyst = server.Client(ApiRole.Analyst);

        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsync("/api/occurrences", Bodies.Occurrence("occ-m1"))).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Post, "/api/occurrences") { Content = Bodies.Occurrence("occ-m2") };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"-1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await analyst.SendAsync(stale)).StatusCode);

        // Other tests may run in parallel and add to the same static meter, hence at least.
        Assert.True(Interlocked.Read(ref appended) >= 1, "no append was measured");
        Assert.True(Interlocked.Read(ref conflicts) >= 1, "no conflict was measured");
    }
}
