namespace BilateralTimeline.Domain;

/// <summary>
/// The stable wire name and version of an event ("claim-recorded/v1"). Stored in the log and never
/// derived from the CLR type name, so classes can be renamed without breaking history.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string wireName) : Attribute
{
    public string WireName { get; } = wireName;
}

/// <summary>Marker for every event the ledger records.</summary>
public interface ILedgerEvent;
