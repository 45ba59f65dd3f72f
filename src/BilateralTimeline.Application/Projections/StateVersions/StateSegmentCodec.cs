using System.Security.Cryptography;

namespace BilateralTimeline.Application.Projections.StateVersions;

/// <summary>
/// The stored form of a <see cref="StateSegment"/>: one document of columns (per revision: recording time,
/// last position, claim counts; per version: order, counts alive, the score, status and contact terms as
/// plain numbers) and heavy blocks of <see cref="BlockSize"/> versions each (the entry's id, title, claim
/// ids, ...), deflated one by one, which a query reads only for the few versions it prints. The columns'
/// header carries the format, the build of the fold, the revisions and chain hash, and the SHA-256 of the
/// body, whose end lists each heavy block's SHA-256, so a damaged or edited row is detected, never used.
/// </summary>
internal static class StateSegmentCodec
{
    public const int Format = 1;

    public const int BlockSize = 256;

    private static ReadOnlySpan<byte> Magic => "BTSV"u8;

    [Flags]
    private enum Terms : byte
    {
        None = 0,
        Score = 1,
        GeneralScore = 2,
        Contact = 4,
        Heavy = 8,
    }

    public static (byte[] Columns, List<byte[]> Blocks) Encode(StateSegment segment)
    {
        var blocks = new List<byte[]>();
        for (var start = 0; start < segment.Added.Count; start += BlockSize)
        {
            blocks.Add(SegmentEnvelope.Deflate(w =>
            {
                var end = Math.Min(segment.Added.Count, start + BlockSize);
                w.Int(end - start);
                for (var i = start; i < end; i++)
                {
                    Heavy(w, segment.Added[i].Parts);
                }
            }));
        }
        var body = SegmentEnvelope.Deflate(w =>
        {
            long ticks = 0, position = 0;
            for (var i = 0; i < segment.RecordedTicks.Length; i++)
            {
                w.Signed(segment.RecordedTicks[i] - ticks);
                w.Signed(segment.LastPositions[i] - position);
                (ticks, position) = (segment.RecordedTicks[i], segment.LastPositions[i]);
                w.Int(segment.Claims[i]);
                w.Int(segment.Retracted[i]);
            }
            w.Int(segment.Added.Count);
            foreach (var version in segment.Added)
            {
                Columns(w, version);
            }
            w.Int(segment.Ended.Count);
            foreach (var end in segment.Ended)
            {
                w.Int(end.Version);
                w.Int(end.To);
            }
            foreach (var block in blocks)
            {
                w.Output.Write(SHA256.HashData(block));
            }
        });
        var frame = new SegmentFrame(segment.FirstRevision, segment.RecordedTicks.Length, segment.Hash, segment.FirstVersion);
        return (SegmentEnvelope.Wrap(Magic, Format, frame, header => header.Write(blocks.Count), body), blocks);
    }

    /// <summary>The columns of a stored segment, checked against its digest, into <paramref name="terms"/>; the heavy blocks' digests for later reads.</summary>
    /// <exception cref="InvalidDataException">Not a segment of this format and build, or damaged.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static SegmentHeader DecodeInto(byte[] document, StateTerms terms)
    {
        using var reader = new BinaryReader(new MemoryStream(document, writable: false));
        var (firstRevision, revisions, hash, firstVersion) = SegmentEnvelope.ReadFrame(reader, Magic, Format, "state terms");
        var blockCount = reader.ReadInt32();
        var (bodyAt, intact) = SegmentEnvelope.ReadBody(reader, document);
        if (revisions <= 0 || firstRevision != terms.Revisions || firstVersion != terms.Versions || !intact)
        {
            throw new InvalidDataException("state terms that do not continue the segments before them, or a damaged body");
        }
        using var r = TermReader.Inflate(document, bodyAt);
        long ticks = 0, position = 0;
        // Sized once from the counts (up to a bound: a count edited in a header must not allocate gigabytes before the body runs out).
        terms.Reserve(Math.Min(revisions, 1 << 22), 0);
        for (var i = 0; i < revisions; i++)
        {
            ticks += r.Signed();
            position += r.Signed();
            terms.AddCount(ticks, position, r.Int(), r.Int());
        }
        var added = r.Int();
        terms.Reserve(0, Math.Clamp(added, 0, 1 << 22));
        for (var i = 0; i < added; i++)
        {
            ReadColumns(r, terms);
        }
        var endCount = r.Int();
        // Only a segment that merging can take in keeps its ends (MergedAsync writes them again): a 1M-revision one never is.
        var ended = SegmentMerging.Mergeable(revisions) ? new List<VersionEnd>(Math.Clamp(endCount, 0, 1 << 16)) : null;
        for (var i = 0; i < endCount; i++)
        {
            var end = new VersionEnd(r.Int(), r.Int());
            terms.End(end.Version, end.To);
            ended?.Add(end);
        }
        var blockDigests = new byte[blockCount][];
        for (var b = 0; b < blockCount; b++)
        {
            blockDigests[b] = r.Bytes(SHA256.HashSizeInBytes);
        }
        return new SegmentHeader(firstRevision, firstRevision + revisions - 1, hash, firstVersion, added, blockDigests, ended);
    }

    /// <summary>The state parts of a heavy block's versions, in order, once its digest is checked.</summary>
    public static List<EntryStateParts> DecodeBlock(byte[] block, byte[] digest)
    {
        if (!SHA256.HashData(block).AsSpan().SequenceEqual(digest))
        {
            throw new InvalidDataException("a heavy block of state terms does not match its digest");
        }
        using var r = TermReader.Inflate(block);
        var count = r.Int();
        var parts = new List<EntryStateParts>(count);
        for (var i = 0; i < count; i++)
        {
            parts.Add(ReadHeavy(r));
        }
        return parts;
    }

    private static void Columns(TermWriter w, StateVersion version)
    {
        w.Long(version.Order);
        w.Int(version.From);
        w.Int(version.To == int.MaxValue ? 0 : version.To - version.From);
        var parts = version.Parts;
        var terms = Terms.None;
        var single = parts.Scored is { Time.Candidates: [var only] } && only.From <= only.To;
        if (parts.Scored is { Time.Candidates.Count: > 0 })
        {
            terms |= single ? Terms.Score : Terms.GeneralScore;
        }
        if (parts.Contact is { Time.Candidates.Count: > 0 })
        {
            terms |= Terms.Contact;
        }
        w.Output.Write((byte)terms);
        if ((terms & (Terms.Score | Terms.GeneralScore)) != 0)
        {
            w.Double(parts.Scored!.Weight);
            w.Double(parts.Scored.Goldstein);
            if (single)
            {
                w.Signed(parts.Scored.Time.Candidates[0].From.DayNumber);
                w.Signed(parts.Scored.Time.Candidates[0].To.DayNumber);
            }
            else
            {
                w.Time(parts.Scored.Time);
            }
        }
        if ((terms & Terms.Contact) != 0)
        {
            w.Signed(parts.Contact!.Time.Earliest!.Value.DayNumber);
            w.Signed(parts.Contact.Time.Latest!.Value.DayNumber);
        }
        w.Int(parts.Changes.Count);
        foreach (var change in parts.Changes)
        {
            w.Text(change.Subject);
            w.Text(change.Status);
            w.Bool(change.Crisis);
            w.Time(change.Time);
            w.Long(change.Position);
            w.Text(change.ClaimId);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void ReadColumns(TermReader r, StateTerms terms)
    {
        var order = r.Long();
        var from = r.Int();
        var span = r.Int();
        var kind = (Terms)r.Byte();
        var version = terms.AddVersion(order, from, span == 0 ? int.MaxValue : from + span);
        if ((kind & Terms.Score) != 0)
        {
            terms.SetScore(version, r.Double(), r.Double(), checked((int)r.Signed()), checked((int)r.Signed()), null);
        }
        else if ((kind & Terms.GeneralScore) != 0)
        {
            var (weight, goldstein) = (r.Double(), r.Double());
            terms.SetScore(version, weight, goldstein, 0, 0, r.Time());
        }
        if ((kind & Terms.Contact) != 0)
        {
            terms.SetContact(version, checked((int)r.Signed()), checked((int)r.Signed()));
        }
        var changes = r.Int();
        for (var i = 0; i < changes; i++)
        {
            terms.AddChange(version, new StatusChange(r.Required(), r.Required(), r.Bool(), r.Time(), r.Long(), r.Required()));
        }
    }

    private static void Heavy(TermWriter w, EntryStateParts parts)
    {
        w.Bool(parts.Scored is not null);
        if (parts.Scored is { } s)
        {
            w.Text(s.EntryId);
            w.Text(s.Title);
            w.Text(s.Kind);
            w.Text(s.Cameo);
            w.Double(s.Goldstein);
            w.Double(s.Weight);
            w.Time(s.Time);
            w.Texts(s.ClaimIds);
        }
        w.Bool(parts.Contact is not null);
        if (parts.Contact is { } c)
        {
            w.Text(c.EntryId);
            w.Text(c.Title);
            w.Time(c.Time);
            w.Texts(c.Actors);
            w.Texts(c.ClaimIds);
        }
    }

    // Status changes live in the columns; a heavy read only needs the score and contact records.
    private static EntryStateParts ReadHeavy(TermReader r)
    {
        var scored = r.Bool() ? new ScoredEntry(r.Required(), r.Required(), r.Required(), r.Required(), r.Double(), r.Double(), r.Time(), r.Texts()) : null;
        var contact = r.Bool() ? new ContactEntry(r.Required(), r.Required(), r.Time(), r.Texts(), r.Texts()) : null;
        return new EntryStateParts(scored, [], contact);
    }
}

/// <summary>
/// What a stored segment says of itself: the revisions it covers, the chain hash of its last, its versions, each heavy
/// block's digest and the earlier versions it ended (null for a segment too long to be merged, which never needs them).
/// </summary>
internal sealed record SegmentHeader(long FirstRevision, long LastRevision, byte[] Hash, int FirstVersion, int Versions, byte[][] BlockDigests, IReadOnlyList<VersionEnd>? Ended)
{
    public int Revisions => (int)(LastRevision - FirstRevision + 1);
}
