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
    /// <summary>2: the body in three pieces (revisions, versions open at the end, versions ended within), so a question past the end reads two.</summary>
    public const int Format = 2;

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
        // Three pieces, each deflated alone: the versions still open at the segment's end (with what every read needs),
        // the revisions, and the versions that ended within it. The first is the body the envelope's digest covers, with
        // the other two's digests; those two follow it, so a question about a count past the segment's end reads (and
        // hashes) only the front of the document: a million-event dyad's first segment holds 900,000 versions, of which
        // 100,000 are open.
        var open = SegmentEnvelope.Deflate(w =>
        {
            WriteVersions(w, segment.Added, endedWithin: false);
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
        var revisions = SegmentEnvelope.Deflate(w =>
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
        });
        var endedWithin = SegmentEnvelope.Deflate(w => WriteVersions(w, segment.Added, endedWithin: true));
        var n = segment.RecordedTicks.Length;
        var summary = new SegmentSummary(
            n == 0 ? 0 : segment.RecordedTicks.Max(), n == 0 ? 0 : segment.LastPositions[^1], n == 0 ? 0 : segment.Claims[^1], n == 0 ? 0 : segment.Retracted[^1]);
        var body = Body(summary, open, revisions, endedWithin);
        var frame = new SegmentFrame(segment.FirstRevision, segment.RecordedTicks.Length, segment.Hash, segment.FirstVersion);
        var front = SegmentEnvelope.Wrap(Magic, Format, frame, header =>
        {
            header.Write(blocks.Count);
            header.Write(body.Length);
        }, body);
        return ([.. front, .. revisions, .. endedWithin], blocks);
    }

    /// <summary>
    /// What the first <paramref name="length"/> bytes of a stored segment's columns say of it: its latest recording time
    /// and how many bytes from the start a read that leaves out the versions ended within it needs. Null when they are
    /// too few to tell or not a segment's (<see cref="DecodeInto"/> then says what is wrong).
    /// </summary>
    public static (long LatestRecordedTicks, int OpenLength)? Peek(byte[] document, int length)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(document, 0, length, writable: false));
            SegmentEnvelope.ReadFrame(reader, Magic, Format, "state terms");
            reader.ReadInt32();
            var bodyLength = reader.ReadInt32();
            reader.ReadBytes(SHA256.HashSizeInBytes);
            var bodyAt = (int)reader.BaseStream.Position;
            var latest = reader.ReadInt64();
            return bodyLength < 0 ? null : (latest, bodyAt + bodyLength);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The columns of a stored segment (its first <paramref name="length"/> bytes), checked against their digests, into
    /// <paramref name="terms"/>; the heavy blocks' digests for later reads. With <paramref name="onlyOpen"/> only the front
    /// (see <see cref="Peek"/>) is read: the versions that ended within the segment are left out and its revisions take
    /// their last values (see <see cref="StateTerms.AddPartialCounts"/>), right for every count past the segment's end,
    /// which the caller must know the question asks about.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a segment of this format and build, or damaged.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static SegmentHeader DecodeInto(byte[] document, int length, StateTerms terms, bool onlyOpen)
    {
        using var reader = new BinaryReader(new MemoryStream(document, 0, length, writable: false));
        var (firstRevision, revisions, hash, firstVersion) = SegmentEnvelope.ReadFrame(reader, Magic, Format, "state terms");
        var blockCount = reader.ReadInt32();
        var bodyLength = reader.ReadInt32();
        var (bodyAt, intact) = SegmentEnvelope.ReadBody(reader, document, bodyLength, length);
        if (revisions <= 0 || firstRevision != terms.Revisions || firstVersion != terms.Versions || !intact)
        {
            throw new InvalidDataException("state terms that do not continue the segments before them, or a damaged body");
        }
        var (summary, open, revisionsAt, endedAt) = ReadLayout(document, bodyAt, bodyLength, length, onlyOpen);
        List<VersionEnd>? ended;
        byte[][] blockDigests;
        int added;
        Task? counting = null;
        try
        {
            using (var r = TermReader.Inflate(document, open.Start, open.Length))
            {
                added = r.Int();
                terms.AddVersionSlots(Math.Clamp(added, 0, 1 << 22));
                if (onlyOpen)
                {
                    terms.AddPartialCounts(revisions, summary.LatestRecordedTicks, summary.LastPosition, summary.Claims, summary.Retracted);
                }
                else if (terms.HasRoomForCounts(revisions))
                {
                    // The revisions (a million at 1M events) are decoded on the other core while this one reads the versions:
                    // they fill their own columns, whose room the caller reserved, and touch nothing the versions do.
                    var first = terms.AddCountSlots(revisions);
                    counting = Task.Run(() => ReadCounts(document, revisionsAt, revisions, (i, ticks, position, claims, retracted) => terms.SetCount(first + i, ticks, position, claims, retracted)));
                }
                else
                {
                    // Sized as it goes (up to a bound: a count edited in a header must not allocate gigabytes before the body runs out).
                    terms.Reserve(Math.Min(revisions, 1 << 22), 0);
                    ReadCounts(document, revisionsAt, revisions, (_, ticks, position, claims, retracted) => terms.AddCount(ticks, position, claims, retracted));
                }
                ReadVersions(r, terms, firstVersion, added);
                var endCount = r.Int();
                // Only a segment that merging can take in keeps its ends (MergedAsync writes them again): a 1M-revision one never is.
                ended = SegmentMerging.Mergeable(revisions) ? new List<VersionEnd>(Math.Clamp(endCount, 0, 1 << 16)) : null;
                for (var i = 0; i < endCount; i++)
                {
                    var end = new VersionEnd(r.Int(), r.Int());
                    terms.End(end.Version, end.To);
                    ended?.Add(end);
                }
                blockDigests = new byte[blockCount][];
                for (var b = 0; b < blockCount; b++)
                {
                    blockDigests[b] = r.Bytes(SHA256.HashSizeInBytes);
                }
            }
            if (onlyOpen)
            {
                terms.PartialUpTo(firstRevision + revisions);
            }
            else
            {
                CheckDigest(document, endedAt);
                using var r = TermReader.Inflate(document, endedAt.Start, endedAt.Length);
                if (r.Int() != added)
                {
                    throw new InvalidDataException("the pieces of a segment of state terms disagree on its versions");
                }
                ReadVersions(r, terms, firstVersion, added);
            }
            counting?.GetAwaiter().GetResult();
        }
        catch when (counting is { IsCompleted: false })
        {
            // Not left writing into terms the caller is about to throw away (or read again); the first failure is the one reported.
            Task.WhenAny(counting).GetAwaiter().GetResult();
            throw;
        }
        return new SegmentHeader(firstRevision, firstRevision + revisions - 1, hash, firstVersion, added, blockDigests, ended, onlyOpen);
    }

    /// <summary>The body: the summary, the pieces' lengths, the digests of the two pieces after it, then the open versions' piece.</summary>
    private static byte[] Body(SegmentSummary summary, byte[] open, byte[] revisions, byte[] endedWithin)
    {
        using var body = new MemoryStream(open.Length + 128);
        using (var w = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(summary.LatestRecordedTicks);
            w.Write(summary.LastPosition);
            w.Write(summary.Claims);
            w.Write(summary.Retracted);
            w.Write(open.Length);
            w.Write(revisions.Length);
            w.Write(endedWithin.Length);
            w.Write(SHA256.HashData(revisions));
            w.Write(SHA256.HashData(endedWithin));
            w.Write(open);
        }
        return body.ToArray();
    }

    private static (SegmentSummary Summary, Piece Open, Piece Revisions, Piece Ended) ReadLayout(byte[] document, int bodyAt, int bodyLength, int length, bool onlyOpen)
    {
        using var reader = new BinaryReader(new MemoryStream(document, bodyAt, bodyLength, writable: false));
        var summary = new SegmentSummary(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32());
        var (open, revisions, ended) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var (revisionsDigest, endedDigest) = (reader.ReadBytes(SHA256.HashSizeInBytes), reader.ReadBytes(SHA256.HashSizeInBytes));
        var openAt = bodyAt + (int)reader.BaseStream.Position;
        var end = bodyAt + bodyLength;
        if (open < 0 || revisions < 0 || ended < 0 || openAt + (long)open != end || (!onlyOpen && (long)end + revisions + ended != length))
        {
            throw new InvalidDataException("the pieces of a segment of state terms do not fill it");
        }
        return (summary, new Piece(openAt, open, []), new Piece(end, revisions, revisionsDigest), new Piece(end + revisions, ended, endedDigest));
    }

    /// <summary>Where a piece lies in the document and the digest the body gives it (none for the body's own).</summary>
    private readonly record struct Piece(int Start, int Length, byte[] Digest);

    private static void CheckDigest(byte[] document, Piece piece)
    {
        if (!SHA256.HashData(document.AsSpan(piece.Start, piece.Length)).AsSpan().SequenceEqual(piece.Digest))
        {
            throw new InvalidDataException("a piece of a segment of state terms does not match its digest");
        }
    }

    private delegate void CountSink(int index, long ticks, long position, int claims, int retracted);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void ReadCounts(byte[] document, Piece piece, int revisions, CountSink sink)
    {
        CheckDigest(document, piece);
        using var r = TermReader.Inflate(document, piece.Start, piece.Length);
        long ticks = 0, position = 0;
        for (var i = 0; i < revisions; i++)
        {
            ticks += r.Signed();
            position += r.Signed();
            sink(i, ticks, position, r.Int(), r.Int());
        }
    }

    /// <summary>The versions of one piece: those still open at the segment's end, or those that ended within it, each by its number.</summary>
    private static void WriteVersions(TermWriter w, IReadOnlyList<StateVersion> added, bool endedWithin)
    {
        w.Int(added.Count);
        var count = added.Count(v => (v.To != int.MaxValue) == endedWithin);
        w.Int(count);
        var previous = -1;
        for (var i = 0; i < added.Count; i++)
        {
            if ((added[i].To != int.MaxValue) == endedWithin)
            {
                w.Int(i - previous - 1);
                previous = i;
                Columns(w, added[i]);
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void ReadVersions(TermReader r, StateTerms terms, int firstVersion, int added)
    {
        var count = r.Int();
        var at = -1;
        for (var i = 0; i < count; i++)
        {
            at += r.Int() + 1;
            if ((uint)at >= (uint)added)
            {
                throw new InvalidDataException("a version of state terms outside its segment");
            }
            ReadColumns(r, terms, firstVersion + at);
        }
    }

    /// <summary>The state parts of a heavy block's versions, in order, once its digest is checked.</summary>
    /// <summary>
    /// The header <see cref="DecodeInto"/> reads back from the whole of <paramref name="segment"/>'s encoding, whose heavy
    /// blocks are <paramref name="blocks"/>: what a process that has just stored the segment knows of it without reading it.
    /// </summary>
    public static SegmentHeader HeaderOf(StateSegment segment, IReadOnlyList<byte[]> blocks) =>
        new(segment.FirstRevision, segment.LastRevision, segment.Hash, segment.FirstVersion, segment.Added.Count,
            [.. blocks.Select(SHA256.HashData)], SegmentMerging.Mergeable(segment.RecordedTicks.Length) ? [.. segment.Ended] : null);

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
        // 0: still open; else one past the count span, so a version that ended where it began is not read back as open.
        w.Int(version.To == int.MaxValue ? 0 : version.To - version.From + 1);
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
    private static void ReadColumns(TermReader r, StateTerms terms, int version)
    {
        var order = r.Long();
        var from = r.Int();
        var span = r.Int();
        var kind = (Terms)r.Byte();
        terms.SetVersion(version, order, from, span == 0 ? int.MaxValue : checked(from + span - 1));
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

/// <summary>What a segment's body says first: its latest recording time and the ledger's numbers after its last event.</summary>
internal readonly record struct SegmentSummary(long LatestRecordedTicks, long LastPosition, int Claims, int Retracted);

/// <summary>
/// What a stored segment says of itself: the revisions it covers, the chain hash of its last, its versions, each heavy
/// block's digest and the earlier versions it ended (null for a segment too long to be merged, which never needs them).
/// </summary>
/// <see cref="Partial"/>: read without the versions that ended within it, so its terms answer only counts past its end.
internal sealed record SegmentHeader(long FirstRevision, long LastRevision, byte[] Hash, int FirstVersion, int Versions, byte[][] BlockDigests, IReadOnlyList<VersionEnd>? Ended, bool Partial = false)
{
    public int Revisions => (int)(LastRevision - FirstRevision + 1);
}
