using System.Globalization;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Rows;
using BilateralTimeline.Application.Projections.Versions;

namespace BilateralTimeline.Application.Projections.TimelineVersions;

/// <summary>
/// Per entry on the timeline at the stored segments' end, the number of its open version (<c>v:v:ORDER</c>), kept
/// beside the <see cref="ClaimRows"/> and written in the same commits: a catch-up from the rows continues the stored
/// versions of the entries its tail touches and finds them here, instead of reading every row of every segment.
/// </summary>
internal static class OpenVersionRows
{
    public static string Key(long order) => "v:v:" + order.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The open versions of the entries at <paramref name="orders"/>, read with the rows' revision, which must still be
    /// <paramref name="at"/>; null when it is not or an entry has no row (the rows do not match the segments).
    /// </summary>
    public static async Task<Dictionary<long, int>?> ReadAsync(IProjectionStore rows, string projection, int version, string at, IEnumerable<long> orders, CancellationToken cancellationToken)
    {
        var keys = orders.Distinct().ToDictionary(Key, o => o, StringComparer.Ordinal);
        var found = await rows.ReadRowsByKeysAsync(projection, version, [ClaimRows.AtKey, .. keys.Keys], cancellationToken).ConfigureAwait(false);
        if (found.SingleOrDefault(r => r.Key == ClaimRows.AtKey)?.Document != at)
        {
            return null;
        }
        var open = new Dictionary<long, int>();
        foreach (var row in found)
        {
            if (keys.TryGetValue(row.Key, out var order) && int.TryParse(row.Document, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                open[order] = number;
            }
        }
        return open.Count == keys.Count ? open : null;
    }

    /// <summary>
    /// The rows after a catch-up: the log's versions, in the order they were made, with their numbers in the segments
    /// (<paramref name="numbers"/>), leave each entry's row at its last open version or delete it when the entry left
    /// the timeline; the stored versions no version of the log continued (<paramref name="ended"/>, by order) are ended,
    /// so their rows go too.
    /// </summary>
    public static List<ProjectionRowChange> Changes(IReadOnlyList<EntryVersion> versions, IReadOnlyList<int> numbers, IEnumerable<long> ended)
    {
        var latest = new Dictionary<long, int?>();
        foreach (var order in ended)
        {
            latest[order] = null;
        }
        for (var i = 0; i < versions.Count; i++)
        {
            latest[versions[i].Order] = versions[i].To == TimelineRow.Open ? numbers[i] : null;
        }
        return [.. latest.Select(l => new ProjectionRowChange(Key(l.Key), l.Value?.ToString(CultureInfo.InvariantCulture)))];
    }
}
