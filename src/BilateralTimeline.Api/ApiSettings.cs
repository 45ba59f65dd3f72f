namespace BilateralTimeline.Api;

/// <summary>How the API is served; every limit here is documented in docs/api.md.</summary>
public sealed record ApiSettings
{
    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:5080 (port 0: any free port).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Host names served besides those of <see cref="Urls"/> ("name" on any port, "name:port" on that
    /// port; "*" turns the check off, e.g. behind a proxy that checks Host itself). Other Hosts get 400.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Let requests without a key read (GET); writes always need an analyst key.</summary>
    public bool PublicRead { get; init; }

    /// <summary>Largest request body accepted; bigger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Writes each key may make per second (token bucket, bursts up to the same number); more get 429.</summary>
    public int WritesPerSecond { get; init; } = 20;

    /// <summary>A timeline page asking more items than this is a large page (see <see cref="LargePagesAtOnce"/>).</summary>
    public int LargePageItems { get; init; } = 1_024;

    /// <summary>Large timeline pages answered at once; the others wait their turn (half the cores, at least one).</summary>
    public int LargePagesAtOnce { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Large timeline pages that may wait their turn; more get 429.</summary>
    public int LargePagesQueued { get; init; } = 64;

    /// <summary>SSE comment lines sent when a stream has been idle this long, so proxies keep the connection.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Events buffered per SSE client between the store and the socket.</summary>
    public int StreamBufferEvents { get; init; } = 1024;

    /// <summary>A client whose buffer stays full this long is disconnected (it resumes with Last-Event-ID).</summary>
    public TimeSpan SlowConsumerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an open SSE stream's API key is looked up again; a revoked key's stream is cut at the next look.</summary>
    public TimeSpan StreamKeyRecheck { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Keep checkpointed projections up to date in the background.</summary>
    public bool RunProjections { get; init; } = true;

    /// <summary>The folder served at / (index.html); null: wwwroot beside the program, when it exists.</summary>
    public string? WebRoot { get; init; }

    /// <summary>Write structured (JSON) logs to the console.</summary>
    public bool ConsoleLogs { get; init; } = true;
}
