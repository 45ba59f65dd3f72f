using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Features.Events.ListEvents;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Events.SubscribeToEvents;

/// <summary>
/// Every event after a global position (null: from the start), through history and then live, until
/// cancelled. A consumer that remembers the last position it handled and resumes after it sees each event once.
/// </summary>
public sealed record SubscribeToEvents(long? After) : IRequest<IAsyncEnumerable<EventLine>>;

public sealed class SubscribeToEventsValidator : AbstractValidator<SubscribeToEvents>
{
    public SubscribeToEventsValidator()
    {
        RuleFor(x => x.After).GreaterThanOrEqualTo(0).When(x => x.After is not null).WithMessage("must be 0 or more: the last global position you processed");
    }
}

public sealed class SubscribeToEventsHandler(Ports.IEventStore store) : IRequestHandler<SubscribeToEvents, IAsyncEnumerable<EventLine>>
{
    public Task<IAsyncEnumerable<EventLine>> Handle(SubscribeToEvents request, CancellationToken cancellationToken) =>
        Task.FromResult(Lines(request.After, cancellationToken));

    private async IAsyncEnumerable<EventLine> Lines(long? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in store.SubscribeToAllAsync(after is 0 ? null : after, cancellationToken).ConfigureAwait(false))
        {
            yield return EventLine.From(e);
        }
    }
}
