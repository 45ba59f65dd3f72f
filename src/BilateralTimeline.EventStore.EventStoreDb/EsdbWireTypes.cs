using BilateralTimeline.EventStore.EventStoreDb.Protocol;

namespace BilateralTimeline.EventStore.EventStoreDb;

/// <summary>EventStoreDB's expected stream state: any, no_stream, exists, or an exact revision.</summary>
public readonly record struct EsdbExpected(ulong? Revision, EsdbExpectedKind Kind)
{
    public static EsdbExpected Any => new(null, EsdbExpectedKind.Any);

    public static EsdbExpected NoStream => new(null, EsdbExpectedKind.NoStream);

    public static EsdbExpected StreamExists => new(null, EsdbExpectedKind.StreamExists);

    public static EsdbExpected Exact(ulong revision) => new(revision, EsdbExpectedKind.Revision);

    /// <summary>-1 is how our port spells "no stream"; EventStoreDB has its own branch for it.</summary>
    public static EsdbExpected FromLastRevision(long lastRevision) => lastRevision < 0 ? NoStream : Exact((ulong)lastRevision);
}

public enum EsdbExpectedKind { Any, NoStream, StreamExists, Revision }

/// <summary>One event to send: what ProposedMessage carries.</summary>
public sealed record EsdbProposedEvent(Guid Id, string Type, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> CustomMetadata, string ContentType = "application/json");

/// <summary>The answer to an append: written (or acknowledged as an idempotent retry), or refused for the revision.</summary>
public abstract record EsdbAppendOutcome
{
    private EsdbAppendOutcome()
    {
    }

    /// <param name="CurrentRevision">The stream's last revision after the append.</param>
    /// <param name="CommitPosition">The $all commit position of the last event written.</param>
    /// <param name="PreparePosition">Its prepare position (the same number for appends since 20.6).</param>
    public sealed record Written(ulong CurrentRevision, ulong CommitPosition, ulong PreparePosition) : EsdbAppendOutcome;

    /// <param name="CurrentRevision">The stream's last revision, or null when it does not exist.</param>
    /// <param name="ExpectedDescription">What the server says the append expected, for messages.</param>
    public sealed record WrongExpectedVersion(ulong? CurrentRevision, string ExpectedDescription) : EsdbAppendOutcome;
}

/// <summary>Where a stream read starts.</summary>
public readonly record struct EsdbStreamStart(ulong? Revision, bool FromEnd)
{
    public static EsdbStreamStart Start => new(null, false);

    public static EsdbStreamStart End => new(null, true);

    public static EsdbStreamStart At(ulong revision) => new(revision, false);
}

/// <summary>Where a $all read or subscription starts.</summary>
public readonly record struct EsdbAllStart(ulong? CommitPosition, bool FromEnd)
{
    public static EsdbAllStart Start => new(null, false);

    public static EsdbAllStart End => new(null, true);

    public static EsdbAllStart At(ulong commitPosition) => new(commitPosition, false);
}

/// <summary>What a subscription delivers, in the order the server sends it.</summary>
public abstract record EsdbSubscriptionMessage
{
    private EsdbSubscriptionMessage()
    {
    }

    public sealed record Confirmed(string SubscriptionId) : EsdbSubscriptionMessage;

    public sealed record Event(ReadResp.Types.ReadEvent.Types.RecordedEvent Recorded) : EsdbSubscriptionMessage;

    public sealed record Checkpoint(ulong CommitPosition, ulong PreparePosition) : EsdbSubscriptionMessage;

    public sealed record CaughtUp : EsdbSubscriptionMessage;

    public sealed record FellBehind : EsdbSubscriptionMessage;
}

/// <summary>One cluster member as gossip describes it.</summary>
public sealed record EsdbMember(Guid InstanceId, string State, bool IsAlive, EsdbEndpoint Endpoint);
