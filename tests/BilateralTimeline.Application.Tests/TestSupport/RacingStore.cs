using BilateralTimeline.Application.Ports;
using BilateralTimeline.Testing;

namespace BilateralTimeline.Application.Tests.TestSupport;

/// <summary>
/// A real store whose appends are each preceded by <paramref name="rival"/> (given the append's
/// number, from 1): another writer landing between this writer's read and its append, on demand.
/// </summary>
internal sealed class RacingStore(IEventStore inner, Func<int, Task> rival) : DelegatingStore(inner)
{
    public int Appends { get; private set; }

    public override async Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        Appends++;
        await rival(Appends);
        return await Inner.AppendAsync(stream, expected, events, cancellationToken);
    }
}
