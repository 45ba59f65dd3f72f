namespace BilateralTimeline.EventStore.EventStoreDb.LiveTests;

/// <summary>The live server these tests need, found through one environment variable.</summary>
public static class LiveServer
{
    public const string Variable = "BT_ESDB_CONNECTION";

    /// <summary>The connection string; a missing variable fails the test loudly, it never skips it.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: point it at an EventStoreDB 24.x node, e.g. {Variable}=esdb://localhost:2113?tls=false (see infra/eventstoredb/README.md)");
}
