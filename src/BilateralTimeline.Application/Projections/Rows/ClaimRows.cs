using System.Globalization;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Snapshots;
using BilateralTimeline.Domain.Occurrences;

namespace BilateralTimeline.Application.Projections.Rows;

/// <summary>
/// The ledger's claims as the stored state terms leave them, kept in the terms' own projection and written in the
/// same commits as their segments (and in the stored timeline's likewise): a row per claim (<c>v:c:ID</c>, with its
/// history only for the timeline, which prints it), per
/// occurrence id its view and its claims in ledger order (<c>v:o:ID</c>), per claim the claims whose readings are
/// anchored on it (<c>v:a:ID</c>), and <c>v:@at</c>, the revision and chain hash they reflect. A catch-up reads only
/// the rows its tail's events reach (see <see cref="PartialLedger"/>) instead of a snapshot of the whole ledger: at a
/// million events that snapshot took ten seconds and 1.4 GB to load for a tail of one correction.
/// </summary>
internal static class ClaimRows
{
    public const string AtKey = "v:@at";

    public static string ClaimKey(string claimId) => "v:c:" + claimId;

    public static string OccurrenceKey(string occurrenceId) => "v:o:" + occurrenceId;

    public static string AnchorKey(string claimId) => "v:a:" + claimId;

    /// <summary>The <see cref="AtKey"/> document: the revision the rows reflect and the chain hash of the event there.</summary>
    public static string At(long revision, byte[] hash) => string.Create(CultureInfo.InvariantCulture, $"{revision} {Convert.ToHexString(hash)}");

    /// <summary>Every row of <paramref name="view"/>, the fold of the stream up to <paramref name="revision"/>: what a catch-up that folded the whole ledger leaves.</summary>
    public static List<ProjectionRowChange> All(LedgerView view, long revision, byte[] hash, bool keepChanges)
    {
        var changes = new List<ProjectionRowChange>(view.Claims.Count * 2);
        var groups = new Dictionary<string, List<ClaimView>>(StringComparer.Ordinal);
        var anchored = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var claim in Entries.ByPosition(view))
        {
            changes.Add(new(ClaimKey(claim.Claim.ClaimId), Claim(claim, keepChanges)));
            if (claim.OccurrenceId is { } occurrenceId)
            {
                Add(groups, occurrenceId, claim);
            }
            foreach (var anchor in ClaimAnchors.AnchorsOf(claim.Occurred))
            {
                Add(anchored, anchor, claim.Claim.ClaimId);
            }
        }
        foreach (var occurrenceId in groups.Keys.Union(view.Occurrences.Keys, StringComparer.Ordinal))
        {
            changes.Add(new(OccurrenceKey(occurrenceId), Occurrence(view.Occurrences.GetValueOrDefault(occurrenceId), groups.GetValueOrDefault(occurrenceId) ?? [])));
        }
        foreach (var (anchor, ids) in anchored)
        {
            changes.Add(new(AnchorKey(anchor), Ids(ids)));
        }
        changes.Add(new(AtKey, At(revision, hash)));
        return changes;
    }

    public static string Claim(ClaimView claim, bool keepChanges) => Encode(w => new SnapshotWriter(w).WriteClaim(keepChanges || claim.Changes.IsEmpty ? claim : claim with { Changes = [] }));

    public static string Occurrence(OccurrenceView? view, IReadOnlyList<ClaimView> claims) => Encode(w =>
    {
        w.Write(view is not null);
        if (view is not null)
        {
            w.Write(view.Occurrence.OccurrenceId);
            w.Write(view.Occurrence.Title);
            w.Write7BitEncodedInt64(view.Position);
            w.Write(view.EventId.ToByteArray());
        }
        w.Write7BitEncodedInt(claims.Count);
        foreach (var claim in claims)
        {
            w.Write(claim.Claim.ClaimId);
        }
    });

    public static string Ids(IReadOnlyCollection<string> ids) => Encode(w =>
    {
        w.Write7BitEncodedInt(ids.Count);
        foreach (var id in ids)
        {
            w.Write(id);
        }
    });

    /// <exception cref="FormatException">Not base64.</exception>
    /// <exception cref="EndOfStreamException">Cut short.</exception>
    public static ClaimView ReadClaim(string document) => Decode(document, r => new SnapshotReader(r).ReadClaim());

    public static (OccurrenceView? View, string[] ClaimIds) ReadOccurrence(string document) => Decode(document, r =>
    {
        var view = r.ReadBoolean() ? new OccurrenceView(new OccurrenceIdentified(r.ReadString(), r.ReadString()), r.Read7BitEncodedInt64(), new Guid(r.ReadBytes(16))) : null;
        return (view, ReadIds(r));
    });

    public static string[] ReadIds(string document) => Decode(document, ReadIds);

    private static string[] ReadIds(BinaryReader r)
    {
        var count = r.Read7BitEncodedInt();
        if (count < 0 || count > r.BaseStream.Length)
        {
            throw new InvalidDataException("a claim row counts more ids than it holds");
        }
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = r.ReadString();
        }
        return ids;
    }

    private static string Encode(Action<BinaryWriter> write)
    {
        using var bytes = new MemoryStream();
        using (var w = new BinaryWriter(bytes, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            write(w);
        }
        return Convert.ToBase64String(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    private static T Decode<T>(string document, Func<BinaryReader, T> read)
    {
        var bytes = Convert.FromBase64String(document);
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false));
        var value = read(r);
        if (r.BaseStream.Position != bytes.Length)
        {
            throw new InvalidDataException("a claim row holds more than it says");
        }
        return value;
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T item)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(item);
    }
}
