namespace BilateralTimeline.EventStore.EventStoreDb;

/// <summary>How bt's streams sit among everything else in an EventStoreDB database.</summary>
public sealed record EventStoreDbStoreOptions
{
    public static EventStoreDbStoreOptions Default { get; } = new();

    /// <summary>
    /// The stream categories this store owns. Reads of the whole log and subscriptions return only
    /// streams named "&lt;Namespace&gt;&lt;category&gt;-…", so other teams' streams in the same database are
    /// left out; the subscription filters by these prefixes on the server. Empty: every non-system stream
    /// under <see cref="Namespace"/>. The timeline writes only "dyad-" streams.
    /// </summary>
    public IReadOnlyList<string> Categories { get; init; } = ["dyad"];

    /// <summary>
    /// Put in front of every stream name on the server ("" normally). The live contract tests give each
    /// test its own namespace, because an EventStoreDB database cannot be emptied between tests.
    /// </summary>
    public string Namespace { get; init; } = "";

    /// <summary>Events asked for per read call; a page of 16 MB appends still fits the receive limit.</summary>
    public int ReadPageSize { get; init; } = 500;

    /// <summary>
    /// How many of a stream's newest events an append checks for its own event ids. EventStoreDB has no
    /// index by event id, so a retry is recognised (and an id reused with other content refused) only
    /// while the earlier events are among these; older reuse and reuse in other streams is not detected.
    /// </summary>
    public int IdempotencyWindow { get; init; } = 32;

    /// <summary>
    /// Options for one benchmark run (or any throwaway run) in a database that already holds data: the
    /// timeline's categories under a namespace nobody used before, e.g. "bench1f3a9c2e_dyad-…". Open every
    /// store of the run with the same returned options so they see the same streams.
    /// </summary>
    public static EventStoreDbStoreOptions ForIsolatedRun(string label) =>
        new() { Namespace = $"{label}{Guid.NewGuid():N}"[..(label.Length + 8)] + "_" };

    internal IReadOnlyList<string> StreamPrefixes =>
        Categories.Count > 0 ? Categories.Select(c => $"{Namespace}{c}-").ToArray()
        : Namespace.Length > 0 ? [Namespace]
        : [];
}
