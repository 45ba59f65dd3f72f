using System.Collections.Concurrent;

namespace BilateralTimeline.Application.Projections.Checkpointed;

/// <summary>
/// How far this process's runners have got while they open a version: a runner replays the log up to the
/// stored checkpoint before it follows the head, and until then the stored checkpoint overstates what
/// it serves (a restarted server at a million events showed lag 0 for the minutes its runner replayed).
/// </summary>
public sealed class ProjectionProgress
{
    private readonly ConcurrentDictionary<string, long> _opening = new(StringComparer.Ordinal);

    /// <summary>A runner of <paramref name="projection"/> will open (or is opening) a version and has folded up to <paramref name="position"/> (0: nothing yet).</summary>
    public void Opening(string projection, long position) => _opening[projection] = position;

    /// <summary>The runner has replayed to its checkpoint: the stored checkpoint is what it serves again.</summary>
    public void Opened(string projection) => _opening.TryRemove(projection, out _);

    /// <summary>The position an opening runner has folded up to; null when none is opening.</summary>
    public long? OpeningAt(string projection) => _opening.TryGetValue(projection, out var position) ? position : null;
}
