using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

/// <summary>The EventStoreDB adapter's opening surface, where no node is needed.</summary>
public sealed class EventStoreDbStoreAdapterTests
{
    private static IStoreAdapter Adapter => EventStoreDbStoreAdapter.Instance;

    [Fact]
    public void The_description_leaves_out_the_user_and_password()
    {
        var described = Adapter.Describe(new StoreAddress("esdb://admin:changeit@node1:2113,node2:2113?tls=false"));

        Assert.Equal("eventstoredb esdb://node1:2113,node2:2113?tls=false", described);
    }

    [Fact]
    public async Task Read_models_are_refused_naming_the_stores_that_can_hold_them()
    {
        var refused = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => Adapter.OpenReadModelsAsync(new StoreAddress("esdb://127.0.0.1:2113?tls=false"), TimeProvider.System, besideOpenLog: true));

        Assert.False(Adapter.HoldsReadModels);
        Assert.Contains("--projections sqlite:PATH", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scratch_stores_get_a_namespace_of_their_own_and_declare_the_adapter_s_capabilities()
    {
        var at = new StoreAddress("esdb://127.0.0.1:2113?tls=false");

        var first = Adapter.Scratch(at, "/unused", "bench-run1");
        var second = Adapter.Scratch(at, "/unused", "bench-run1");

        Assert.Equal(at.Target, first.Target);
        Assert.StartsWith("benchrun1", first.Namespace, StringComparison.Ordinal);
        Assert.NotEqual(first.Namespace, second.Namespace);
        Assert.Equal(Adapter.Kind, Adapter.Capabilities.Name);
        Assert.Equal(HashChainScope.Stream, Adapter.Capabilities.Chain);
    }
}
