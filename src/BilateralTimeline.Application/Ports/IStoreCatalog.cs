namespace BilateralTimeline.Application.Ports;

/// <summary>
/// The store kinds a composition root offers, for use cases that open stores by name (copying a history
/// from one to another) rather than working on the invocation's own.
/// </summary>
public interface IStoreCatalog
{
    /// <summary>The kind words, for messages, e.g. "sqlite, postgres, eventstoredb".</summary>
    string KindNames { get; }

    /// <summary>The adapter of <paramref name="kind"/> (its usual spellings included); null when none is.</summary>
    IStoreAdapter? Find(string kind);
}
