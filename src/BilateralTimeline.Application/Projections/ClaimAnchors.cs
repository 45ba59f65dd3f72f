using BilateralTimeline.Domain.Time.Reading;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// Dates resolved relative to another claim ("after 18 months", "during the visit") follow that claim
/// when it is re-dated. A reading is anchored on a claim when its method is relative-to-claim and its
/// anchor starts with the claim's id ("c000-05 (visit, 2024 reading)", as imports write it). The events
/// keep their meaning: the dependent claim's recorded reading is untouched, and the fold derives the
/// moved reading each time it replays the re-dating.
/// </summary>
public static class ClaimAnchors
{
    /// <summary>The claim id a relative-to-claim reading is anchored on, or null.</summary>
    public static string? AnchorOf(CandidateInterval candidate)
    {
        if (candidate.Method != ResolutionMethod.RelativeToClaim || string.IsNullOrWhiteSpace(candidate.Anchor))
        {
            return null;
        }
        var anchor = candidate.Anchor.Trim();
        var end = anchor.IndexOfAny([' ', '(', ',', ':', ';']);
        return end < 0 ? anchor : anchor[..end];
    }

    /// <summary>The ids of the claims the time's readings are anchored on.</summary>
    public static IEnumerable<string> AnchorsOf(UncertainTime time) => time.Candidates.Select(AnchorOf).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="dependent"/> with its readings anchored on <paramref name="anchorId"/> moved from
    /// <paramref name="before"/> (the anchor's time they were resolved against) to <paramref name="after"/>;
    /// null when nothing is anchored on it or nothing moves. The phrase is read again against the new
    /// anchor when the resolver reproduces the old readings from the old anchor (it understood the words);
    /// otherwise each reading keeps its distance in days from the anchor reading it was derived from
    /// (the nearest one).
    /// </summary>
    public static UncertainTime? Reresolve(UncertainTime dependent, string anchorId, UncertainTime before, UncertainTime after)
    {
        var anchored = dependent.Candidates.Where(c => string.Equals(AnchorOf(c), anchorId, StringComparison.Ordinal)).ToList();
        if (anchored.Count == 0 || before.IsUnknown || ReferenceEquals(before, after))
        {
            return null;
        }
        var moved = after.IsUnknown ? null : ByResolver(dependent, anchored, before, after) ?? ByDistance(anchored, before, after);
        var finding = moved is null
            ? $"anchored on {anchorId}, which is now undated: the readings counted from it are kept as they were"
            : $"anchored on {anchorId}, re-dated {before} → {after}: the readings counted from it moved with it";
        var candidates = moved is null
            ? dependent.Candidates.ToList()
            : dependent.Candidates.Where(c => !anchored.Contains(c)).Concat(moved).DistinctBy(c => (c.From, c.To, c.At)).ToList();
        var result = new UncertainTime(dependent.Phrase, dependent.Language, candidates, [.. dependent.Findings.Where(f => !f.StartsWith($"anchored on {anchorId},", StringComparison.Ordinal)), finding]);
        return result.ToString() == dependent.ToString() && result.Findings.SequenceEqual(dependent.Findings) ? null : result;
    }

    private static List<CandidateInterval>? ByResolver(UncertainTime dependent, List<CandidateInterval> anchored, UncertainTime before, UncertainTime after)
    {
        if (dependent.Phrase is not { Length: > 0 } phrase)
        {
            return null;
        }
        var language = dependent.Language ?? "en";
        var again = Relative(DateResolver.Resolve(phrase, language, UncertainTime.Unknown, before));
        if (again.Count == 0 || !again.Select(c => (c.From, c.To)).ToHashSet().SetEquals(anchored.Select(c => (c.From, c.To))))
        {
            return null;
        }
        var template = anchored[0];
        return Relative(DateResolver.Resolve(phrase, language, UncertainTime.Unknown, after))
            .Select(c => c with { Anchor = template.Anchor, Reason = c.Reason })
            .ToList();
    }

    private static List<CandidateInterval> Relative(UncertainTime time) => time.Candidates.Where(c => c.Method == ResolutionMethod.RelativeToClaim).ToList();

    /// <summary>
    /// Each anchor reading that is still there keeps the readings derived from it as they were (a
    /// re-dating that picks one of two readings drops the other's dependents, no arithmetic); a new anchor
    /// reading takes the readings derived from the old reading nearest to it, at the same distance in days.
    /// </summary>
    private static List<CandidateInterval> ByDistance(List<CandidateInterval> anchored, UncertainTime before, UncertainTime after)
    {
        var derived = anchored
            .Select(d => (Reading: d, From: before.Candidates.MinBy(a => Math.Abs(d.From.DayNumber - a.From.DayNumber) + Math.Abs(d.To.DayNumber - a.To.DayNumber))!))
            .ToList();
        var moved = new List<CandidateInterval>();
        foreach (var to in after.Candidates)
        {
            if (derived.Where(x => x.From.From == to.From && x.From.To == to.To).Select(x => x.Reading).ToList() is { Count: > 0 } kept)
            {
                moved.AddRange(kept);
                continue;
            }
            var nearest = before.Candidates.MinBy(a => Math.Abs(to.From.DayNumber - a.From.DayNumber) + Math.Abs(to.To.DayNumber - a.To.DayNumber))!;
            foreach (var (reading, from) in derived.Where(x => x.From == nearest))
            {
                var start = to.From.AddDays(reading.From.DayNumber - from.From.DayNumber);
                var end = to.To.AddDays(reading.To.DayNumber - from.To.DayNumber);
                moved.Add(reading with { From = start, To = end < start ? start : end, At = null, TimeZone = null });
            }
        }
        return moved;
    }

    /// <summary>
    /// Moves every claim anchored on <paramref name="claimId"/> after it was re-dated from
    /// <paramref name="before"/> to <paramref name="after"/>, and the claims anchored on those in turn
    /// (each claim at most once per re-dating, so a loop of anchors ends). <paramref name="candidates"/>
    /// gives, for an anchor id, the ids and current times of the claims that may be anchored on it (every
    /// claim in the fold will do; an index of anchors is faster, and may list too many but never too few);
    /// <paramref name="move"/> records a new time.
    /// </summary>
    public static void Cascade(string claimId, UncertainTime before, UncertainTime after, Func<string, IEnumerable<(string ClaimId, UncertainTime Occurred)>> candidates, Action<string, UncertainTime, UncertainTime, string> move)
    {
        var moved = new HashSet<string>(StringComparer.Ordinal) { claimId };
        var queue = new Queue<(string Id, UncertainTime Before, UncertainTime After)>();
        queue.Enqueue((claimId, before, after));
        while (queue.TryDequeue(out var anchor))
        {
            var dependents = candidates(anchor.Id)
                .Where(c => !moved.Contains(c.ClaimId) && c.Occurred.Candidates.Any(x => string.Equals(AnchorOf(x), anchor.Id, StringComparison.Ordinal)))
                .OrderBy(c => c.ClaimId, StringComparer.Ordinal)
                .ToList();
            foreach (var (id, occurred) in dependents)
            {
                if (Reresolve(occurred, anchor.Id, anchor.Before, anchor.After) is { } next)
                {
                    moved.Add(id);
                    move(id, occurred, next, anchor.Id);
                    queue.Enqueue((id, occurred, next));
                }
            }
        }
    }

    /// <summary>The change a dependent claim shows when it moved with its anchor.</summary>
    public static string Describe(string anchorId, UncertainTime from, UncertainTime to) => $"re-resolved {from} → {to} (anchored on {anchorId}, which was re-dated)";
}
