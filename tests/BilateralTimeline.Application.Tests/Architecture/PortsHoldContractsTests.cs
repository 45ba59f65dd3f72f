using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Tests.Architecture;

/// <summary>
/// Application/Ports is what an adapter implements and the application calls: interfaces and the data,
/// errors and rules they speak in. Machinery an adapter runs (append queues, replay checks, hashing,
/// verifiers) lives in BilateralTimeline.EventStore.Shared or in a folder of the application named for
/// its purpose, so a reader of the ports sees the contract and nothing else.
/// </summary>
public sealed class PortsHoldContractsTests
{
    private const string Ports = "BilateralTimeline.Application.Ports";

    /// <summary>
    /// Classes a contract needs: the rule every stream name keeps, which the port's callers apply too; and
    /// the read models an adapter hands back, whose opening on first use is part of what the port promises
    /// (opening one creates its tables in the user's database).
    /// </summary>
    private static readonly HashSet<Type> ContractRules = [typeof(StreamName), typeof(ReadModelStores)];

    [Fact]
    public void Ports_holds_interfaces_data_errors_and_no_machinery()
    {
        var machinery = typeof(LedgerReader).Assembly.GetTypes()
            .Where(t => t.Namespace == Ports && !t.IsNested && !t.IsDefined(typeof(CompilerGeneratedAttribute), false))
            .Where(t => !IsContract(t))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(machinery.Count == 0, "types in Application/Ports that are not contracts: " + string.Join(", ", machinery));
    }

    /// <summary>The check tells a record from a class with behaviour, so it can see machinery at all.</summary>
    [Fact]
    public void The_check_tells_records_from_classes()
    {
        Assert.True(IsContract(typeof(RecordedEvent)));
        Assert.True(IsContract(typeof(IEventStore)));
        Assert.True(IsContract(typeof(CorruptEventException)));
        Assert.False(IsContract(typeof(LedgerCommandService)));
    }

    private static bool IsContract(Type t) =>
        t.IsInterface
        || t.IsValueType
        || typeof(Exception).IsAssignableFrom(t)
        || typeof(Delegate).IsAssignableFrom(t)
        || t.GetMethod("<Clone>$") is not null
        || ContractRules.Contains(t);
}
