using BilateralTimeline.Application.Ports;
using Grpc.Core;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

/// <summary>
/// Errors the recording has no vector for: the server's "exception" trailer names them (the same
/// trailer the recorded stream-deleted answer carries).
/// </summary>
public sealed class EsdbErrorsTests
{
    private static readonly Uri Node = new("http://10.0.0.2:2113");

    [Fact]
    public void A_not_leader_answer_names_this_node_and_the_leader()
    {
        // Given
        var trailers = new Metadata { { "exception", "not-leader" }, { "leader-endpoint-host", "10.0.0.1" }, { "leader-endpoint-port", "2113" } };

        // When
        var error = Assert.IsType<NotLeaderException>(EsdbErrors.Map(new RpcException(new Status(StatusCode.NotFound, "Leader info available"), trailers), Node, "dyad-azeir"));

        // Then
        Assert.Equal(new EsdbEndpoint("10.0.0.1", 2113), error.Leader);
        Assert.Contains("10.0.0.2:2113", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_and_slow_servers_are_unavailable_errors_that_a_subscription_retries()
    {
        var down = EsdbErrors.Map(new RpcException(new Status(StatusCode.Unavailable, "connection refused")), Node, null);
        var slow = EsdbErrors.Map(new RpcException(new Status(StatusCode.DeadlineExceeded, "")), Node, null);

        Assert.IsType<EventStoreUnavailableException>(down);
        Assert.Contains("10.0.0.2:2113", down.Message, StringComparison.Ordinal);
        Assert.Contains("defaultDeadline", slow.Message, StringComparison.Ordinal);
        Assert.True(EsdbErrors.IsTransient(down) && EsdbErrors.IsTransient(slow));
    }

    [Fact]
    public void Refusals_are_not_retried()
    {
        var denied = EsdbErrors.Map(new RpcException(new Status(StatusCode.PermissionDenied, "Access denied")), Node, "dyad-azeir");
        var deleted = EsdbErrors.Map(new RpcException(new Status(StatusCode.FailedPrecondition, "deleted"), new Metadata { { "exception", "stream-deleted" }, { "stream-name", "dyad-azeir" } }), Node, null);

        Assert.IsType<EventStoreAccessDeniedException>(denied);
        Assert.IsType<StreamDeletedException>(deleted);
        Assert.False(EsdbErrors.IsTransient(denied) || EsdbErrors.IsTransient(deleted));
    }

    [Fact]
    public void A_lost_leader_is_rediscovered_but_a_call_that_ran_out_of_its_deadline_is_not_repeated()
    {
        var down = EsdbErrors.Map(new RpcException(new Status(StatusCode.Unavailable, "connection refused")), Node, null);
        var reset = EsdbErrors.Map(new RpcException(new Status(StatusCode.Internal, "stream reset")), Node, null);
        var slow = EsdbErrors.Map(new RpcException(new Status(StatusCode.DeadlineExceeded, "")), Node, null);
        var notLeader = new NotLeaderException(Node.ToString(), null);
        var denied = EsdbErrors.Map(new RpcException(new Status(StatusCode.PermissionDenied, "Access denied")), Node, null);

        Assert.True(LeaderConnection.IsLeaderLoss(down) && LeaderConnection.IsLeaderLoss(reset) && LeaderConnection.IsLeaderLoss(notLeader));
        Assert.False(LeaderConnection.IsLeaderLoss(slow) || LeaderConnection.IsLeaderLoss(denied));
    }
}
