using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// A subscription under test. Every wait is bounded, so an adapter that stops delivering or ignores
/// cancellation fails the test instead of hanging the run.
/// </summary>
public sealed class SubscriptionProbe : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _cancel = new(Patience * 3);
    private readonly IAsyncEnumerator<RecordedEvent> _events;
    private Task<bool>? _pending;

    public SubscriptionProbe(IEventStore store, long? checkpoint)
    {
        _events = store.SubscribeToAllAsync(checkpoint, _cancel.Token).GetAsyncEnumerator(_cancel.Token);
    }

    /// <summary>Waits for the next <paramref name="count"/> events.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> TakeAsync(int count)
    {
        var taken = new List<RecordedEvent>(count);
        while (taken.Count < count)
        {
            var next = Next();
            if (await Task.WhenAny(next, Task.Delay(Patience)) != next)
            {
                Assert.Fail($"event {taken.Count + 1} of {count} did not arrive within {Patience.TotalSeconds} s");
            }
            _pending = null;
            if (!await next)
            {
                Assert.Fail($"the subscription ended by itself after {taken.Count} of {count} events");
            }
            taken.Add(_events.Current);
        }
        return taken;
    }

    /// <summary>Fails if anything is delivered within <paramref name="period"/>.</summary>
    public async Task AssertNothingArrivesWithinAsync(TimeSpan period)
    {
        var next = Next();
        if (await Task.WhenAny(next, Task.Delay(period)) == next)
        {
            _pending = null;
            Assert.Fail(await next
                ? $"unexpected event at position {_events.Current.GlobalPosition} ({_events.Current.Stream}@{_events.Current.StreamRevision})"
                : "the subscription ended by itself");
        }
    }

    /// <summary>Cancels, then fails unless the enumeration ends (normally or with OperationCanceledException) within the patience.</summary>
    public async Task CancelAndAssertEndedAsync()
    {
        await _cancel.CancelAsync();
        var next = Next();
        if (await Task.WhenAny(next, Task.Delay(Patience)) != next)
        {
            Assert.Fail($"the subscription did not end within {Patience.TotalSeconds} s of being cancelled");
        }
        _pending = null;
        bool delivered;
        try
        {
            delivered = await next;
        }
        catch (OperationCanceledException)
        {
            // Ending by throwing the cancellation is as good as ending quietly.
            return;
        }
        if (delivered)
        {
            Assert.Fail($"the subscription delivered position {_events.Current.GlobalPosition} after being cancelled");
        }
    }

    private Task<bool> Next() => _pending ??= _events.MoveNextAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        if (_pending is { } pending)
        {
            // An iterator cannot be disposed while a MoveNext is running; let it notice the cancellation.
            if (await Task.WhenAny(pending, Task.Delay(Patience)) != pending)
            {
                return;
            }
            try
            {
                await pending;
            }
            catch (OperationCanceledException)
            {
            }
        }
        await _events.DisposeAsync();
        _cancel.Dispose();
    }
}
