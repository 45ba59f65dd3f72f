namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>The operations the heavy-dyad workload times, in the order they are printed.</summary>
internal static class Operations
{
    public const string CliRetract = "retract (cli, cold)";
    public const string CliState = "state --as-of --known-at (cli, cold)";
    public const string CliStateAfterWrite = "state --as-of, right after a write (cli, cold)";
    public const string CliTimeline = "timeline --as-of --known-at (cli, cold)";
    public const string CliTimelineAfterWrite = "timeline --as-of, right after a write (cli, cold)";
    public const string ApiRecord = "POST /api/claims (api, warm)";
    public const string ApiRetract = "POST /api/corrections/retract (api, warm)";
    public const string ApiState = "GET /api/state?asOf&knownAt (api, warm)";
    public const string ApiTimeline = "GET /api/timeline?asOf&knownAt&limit=200 (api, warm, one page)";
    public const string ApiTimelineLargest = "GET /api/timeline?asOf&knownAt&limit=10000 (api, warm, largest page)";
    public const string ApiDesk = "desk: a record, a state, a page about now, in turn (api, warm)";

    /// <summary>The page the API answers when no limit is asked, and the largest it allows.</summary>
    public const int Page = 200;
    public const int LargestPage = 10_000;

    public static readonly string[] All = [CliRetract, CliState, CliStateAfterWrite, CliTimeline, CliTimelineAfterWrite, ApiRecord, ApiRetract, ApiState, ApiTimeline, ApiTimelineLargest, ApiDesk];
}
