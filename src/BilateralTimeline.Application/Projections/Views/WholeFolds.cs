namespace BilateralTimeline.Application.Projections.Views;

/// <summary>
/// One fold of a dyad's whole history at a time in a long-running process (`bt serve`), whichever stored projection
/// needs it. A new build trusts none of the parts an older one stored, so its first state and its first timeline page
/// each fold the whole stream, holding gigabytes at a million events until its parts are stored. Measured on a 1M-event
/// dyad, two first states and two first pages asked at once: side by side the folds peaked at 4.9 GB and all four were
/// answered in 73 s; taking turns, 3.0 GB, the pages in 38 s and the states in 86 s.
/// </summary>
public sealed class WholeFolds
{
    private readonly OneAtATime _turn = new();

    /// <summary>The turn to fold a whole stream; disposing it ends the turn.</summary>
    public Task<IDisposable> TurnAsync(CancellationToken cancellationToken) => _turn.TurnAsync(cancellationToken);
}
