using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using MediatR;

namespace BilateralTimeline.Application.Features.Stores.CopyHistory;

/// <summary>
/// Move a whole history from one store into another, empty one. Verbatim (ids, revisions, positions,
/// recorded times and hashes kept, the source's chain checked on the way, all or nothing) when the target
/// can import a history and both chain hashes over the whole log; otherwise the source is verified first
/// and each stream appended again, so positions, times and hashes become the target's. The target is
/// verified afterwards either way.
/// </summary>
public sealed record CopyHistory(StoreLocator From, StoreLocator To) : IRequest<CopiedHistory>
{
    /// <summary>Events copied so far, and the source's last position, as the copy goes.</summary>
    public IProgress<CopyProgress>? Progress { get; init; }
}

/// <summary>A store by its kind word and address.</summary>
public sealed record StoreLocator(string Kind, StoreAddress Address);

public sealed record CopyProgress(long Copied, long UpToPosition);

/// <summary>What a copy did.</summary>
/// <param name="From">The source, safe to print.</param>
/// <param name="To">The target, safe to print.</param>
/// <param name="Verbatim">True: positions, times and hashes kept; false: re-appended per stream.</param>
/// <param name="Copied">Events written to the target (0 when the source did not verify).</param>
/// <param name="Elapsed">The copy alone, without the verifications.</param>
/// <param name="SourceCheck">The source's verification before a re-appended copy; null for a verbatim one, which checks the chain as it goes.</param>
/// <param name="TargetCheck">The target's verification afterwards; null when nothing was copied because the source did not verify.</param>
public sealed record CopiedHistory(string From, string To, bool Verbatim, long Copied, TimeSpan Elapsed, ChainVerification? SourceCheck, ChainVerification? TargetCheck)
{
    public bool IsIntact => TargetCheck is { IsIntact: true };
}
