using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization.Upcasting;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Events.ListEvents;

/// <summary>Raw events of the whole log from a global position: what a consumer or auditor sees.</summary>
public sealed record ListEvents(long From, long Max) : IRequest<IReadOnlyList<EventLine>>;

// Readable is false for a type this build does not know (a newer version's): queries skip the event, its revision still counts.
public sealed record EventLine(long Position, string Stream, long Revision, Guid EventId, string Type, DateTimeOffset Recorded, string RecordedBy, Guid? CorrelationId, string Hash, JsonNode? Data, bool Readable = true)
{
    /// <summary>An event as consumers see it; data that is not JSON is shown as base64 rather than dropped.</summary>
    public static EventLine From(RecordedEvent e)
    {
        JsonNode? data;
        try
        {
            data = JsonNode.Parse(e.Data.Span);
        }
        catch (JsonException)
        {
            data = JsonValue.Create(Convert.ToBase64String(e.Data.Span));
        }
        return new EventLine(e.GlobalPosition, e.Stream, e.StreamRevision, e.EventId, e.Type, e.Recorded, e.Metadata.RecordedBy, e.Metadata.CorrelationId, Convert.ToHexStringLower(e.Hash.Span), data, EventUpcasters.Default.CanRead(e.Type));
    }
}

public sealed class ListEventsValidator : AbstractValidator<ListEvents>
{
    public ListEventsValidator()
    {
        RuleFor(x => x.From).GreaterThanOrEqualTo(0).WithMessage("must be 0 or more (global positions start at 1)");
        RuleFor(x => x.Max).InclusiveBetween(1, 1_000_000).WithMessage("must be between 1 and 1,000,000");
    }
}

public sealed class ListEventsHandler(IEventStore store) : IRequestHandler<ListEvents, IReadOnlyList<EventLine>>
{
    public async Task<IReadOnlyList<EventLine>> Handle(ListEvents request, CancellationToken cancellationToken)
    {
        var lines = new List<EventLine>();
        await foreach (var e in store.ReadAllAsync(request.From, ReadDirection.Forwards, request.Max, cancellationToken).ConfigureAwait(false))
        {
            lines.Add(EventLine.From(e));
        }
        return lines;
    }
}
