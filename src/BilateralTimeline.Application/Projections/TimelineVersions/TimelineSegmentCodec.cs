using System.Security.Cryptography;
using BilateralTimeline.Application.Projections.StateVersions;

namespace BilateralTimeline.Application.Projections.TimelineVersions;

/// <summary>
/// The stored form of a <see cref="TimelineSegment"/>, in pieces a page reads only as it needs them: a small
/// directory (header, per block of revisions its latest recording time, per block of rows its first day and the
/// counts its versions may be alive for, every block's SHA-256, the ended versions and the sides), blocks of
/// revisions (recording times, last positions), blocks of rows in the timeline's order (each with the digests
/// of its heavy blocks) and heavy blocks of printed records in the same order, sized by <see cref="TimelineBlocks"/>
/// (which the directory names, so a reader needs no constant of the writer's). Each piece is deflated on its own; a piece
/// that does not match its digest, or a directory not of this format and build, is never used.
/// </summary>
internal static class TimelineSegmentCodec
{
    public const int Format = 1;

    private static ReadOnlySpan<byte> Magic => "BTTL"u8;

    public static EncodedSegment Encode(TimelineSegment segment, TimelineBlocks sizes)
    {
        var (revisionBlock, rowBlock, heavyBlock) = (sizes.Revisions, sizes.Rows, sizes.Heavy);
        var revisionBlocks = new List<byte[]>();
        var maxTicks = new List<long>();
        for (var start = 0; start < segment.RecordedTicks.Length; start += revisionBlock)
        {
            var end = Math.Min(segment.RecordedTicks.Length, start + revisionBlock);
            maxTicks.Add(segment.RecordedTicks.AsSpan(start, end - start).ToArray().Max());
            revisionBlocks.Add(SegmentEnvelope.Deflate(w =>
            {
                w.Int(end - start);
                long ticks = 0, position = 0;
                for (var i = start; i < end; i++)
                {
                    w.Signed(segment.RecordedTicks[i] - ticks);
                    w.Signed(segment.LastPositions[i] - position);
                    (ticks, position) = (segment.RecordedTicks[i], segment.LastPositions[i]);
                }
            }));
        }
        var heavyBlocks = new List<byte[]>();
        for (var start = 0; start < segment.Rows.Length; start += heavyBlock)
        {
            var end = Math.Min(segment.Rows.Length, start + heavyBlock);
            heavyBlocks.Add(SegmentEnvelope.Deflate(w =>
            {
                w.Int(end - start);
                for (var i = start; i < end; i++)
                {
                    WriteRecord(w, segment.RecordOf(i));
                }
            }));
        }
        var rowBlocks = new List<byte[]>();
        var rowSummaries = new List<(int FirstEarliest, int MinFrom, int MaxTo)>();
        for (var start = 0; start < segment.Rows.Length; start += rowBlock)
        {
            var end = Math.Min(segment.Rows.Length, start + rowBlock);
            var rows = segment.Rows.AsSpan(start, end - start).ToArray();
            rowSummaries.Add((rows[0].Earliest, rows.Min(r => r.From), rows.Max(r => r.To)));
            rowBlocks.Add(SegmentEnvelope.Deflate(w =>
            {
                w.Int(rows.Length);
                foreach (var row in rows)
                {
                    WriteRow(w, row);
                }
                for (var h = start / heavyBlock; h < (end + heavyBlock - 1) / heavyBlock; h++)
                {
                    w.Output.Write(SHA256.HashData(heavyBlocks[h]));
                }
            }));
        }
        var datedCount = Array.FindIndex(segment.Rows, r => !r.IsDated) is var u and >= 0 ? u : segment.Rows.Length;
        var maxSpan = segment.Rows.Where(r => r.IsDated).Select(r => r.Latest - r.Earliest).DefaultIfEmpty(0).Max();
        var body = SegmentEnvelope.Deflate(w =>
        {
            w.Int(revisionBlocks.Count);
            for (var b = 0; b < revisionBlocks.Count; b++)
            {
                w.Long(maxTicks[b]);
                w.Output.Write(SHA256.HashData(revisionBlocks[b]));
            }
            w.Int(rowBlocks.Count);
            for (var b = 0; b < rowBlocks.Count; b++)
            {
                w.Signed(rowSummaries[b].FirstEarliest);
                w.Int(rowSummaries[b].MinFrom);
                w.Int(rowSummaries[b].MaxTo == TimelineRow.Open ? 0 : rowSummaries[b].MaxTo);
                w.Output.Write(SHA256.HashData(rowBlocks[b]));
            }
            w.Int(segment.Ended.Count);
            foreach (var end in segment.Ended)
            {
                w.Int(end.Version);
                w.Int(end.To);
            }
            WriteSides(w, segment.Sides);
        });
        var frame = new SegmentFrame(segment.FirstRevision, segment.RecordedTicks.Length, segment.Hash, segment.FirstVersion);
        var directory = SegmentEnvelope.Wrap(Magic, Format, frame, header =>
        {
            header.Write(segment.Rows.Length);
            header.Write(datedCount);
            header.Write(maxSpan);
            header.Write(revisionBlock);
            header.Write(rowBlock);
            header.Write(heavyBlock);
        }, body);
        return new EncodedSegment(directory, revisionBlocks, rowBlocks, heavyBlocks);
    }

    /// <exception cref="InvalidDataException">Not a directory of this format and build, or damaged.</exception>
    public static SegmentDirectory DecodeDirectory(byte[] document)
    {
        using var reader = new BinaryReader(new MemoryStream(document, writable: false));
        var (firstRevision, revisions, hash, firstVersion) = SegmentEnvelope.ReadFrame(reader, Magic, Format, "a stored timeline");
        var rowCount = reader.ReadInt32();
        var datedCount = reader.ReadInt32();
        var maxSpan = reader.ReadInt32();
        var sizes = new TimelineBlocks(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var (revisionBlock, rowBlock) = (sizes.Revisions, sizes.Rows);
        var (bodyAt, intact) = SegmentEnvelope.ReadBody(reader, document);
        if (revisions <= 0 || !sizes.IsValid || rowCount < 0 || datedCount < 0 || datedCount > rowCount || !intact)
        {
            throw new InvalidDataException("a damaged directory of a stored timeline");
        }
        using var r = Reader(document, bodyAt);
        var revisionBlocks = new (long MaxTicks, byte[] Digest)[Bounded(r.Int(), (revisions + revisionBlock - 1) / revisionBlock)];
        for (var b = 0; b < revisionBlocks.Length; b++)
        {
            revisionBlocks[b] = (r.Long(), r.Bytes(SHA256.HashSizeInBytes));
        }
        var rowBlocks = new RowBlockSummary[Bounded(r.Int(), (rowCount + rowBlock - 1) / rowBlock)];
        for (var b = 0; b < rowBlocks.Length; b++)
        {
            var (first, minFrom, maxTo) = (checked((int)r.Signed()), r.Int(), r.Int());
            rowBlocks[b] = new RowBlockSummary(first, minFrom, maxTo == 0 ? TimelineRow.Open : maxTo, r.Bytes(SHA256.HashSizeInBytes));
        }
        var ended = new TimelineEnd[r.Int()];
        for (var i = 0; i < ended.Length; i++)
        {
            ended[i] = new TimelineEnd(r.Int(), r.Int());
        }
        var sides = ReadSides(r);
        return new SegmentDirectory(firstRevision, revisions, hash, firstVersion, rowCount, datedCount, maxSpan, sizes, revisionBlocks, rowBlocks, ended, sides);
    }

    /// <summary>A block of revisions' recording times and last positions, once its digest is checked.</summary>
    public static (long[] Ticks, long[] Positions) DecodeRevisions(byte[] block, byte[] digest, TimelineBlocks sizes)
    {
        using var r = Checked(block, digest);
        var n = Bounded(r.Int(), sizes.Revisions);
        var (ticks, positions) = (new long[n], new long[n]);
        long t = 0, p = 0;
        for (var i = 0; i < n; i++)
        {
            t += r.Signed();
            p += r.Signed();
            (ticks[i], positions[i]) = (t, p);
        }
        return (ticks, positions);
    }

    /// <summary>A block of rows and the digests of the heavy blocks beside them, once its digest is checked.</summary>
    public static RowBlockData DecodeRows(byte[] block, byte[] digest, TimelineBlocks sizes)
    {
        using var r = Checked(block, digest);
        var rows = new TimelineRow[Bounded(r.Int(), sizes.Rows)];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = ReadRow(r);
        }
        var heavy = new byte[(rows.Length + sizes.Heavy - 1) / sizes.Heavy][];
        for (var h = 0; h < heavy.Length; h++)
        {
            heavy[h] = r.Bytes(SHA256.HashSizeInBytes);
        }
        return new RowBlockData(rows, heavy);
    }

    /// <summary>A heavy block's printed records, in row order, once its digest is checked.</summary>
    public static TimelineRecord[] DecodeRecords(byte[] block, byte[] digest, TimelineBlocks sizes)
    {
        using var r = Checked(block, digest);
        var records = new TimelineRecord[Bounded(r.Int(), sizes.Heavy)];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = ReadRecord(r);
        }
        return records;
    }

    /// <summary>
    /// Only the records at <paramref name="wanted"/> (ascending, distinct places in the block), in that order, once the
    /// block's digest is checked: the others are read past without being built (their strings still enter the block's
    /// string table, which later records refer to), and nothing after the last wanted one is read.
    /// </summary>
    public static TimelineRecord[] DecodeRecords(byte[] block, byte[] digest, TimelineBlocks sizes, IReadOnlyList<int> wanted)
    {
        using var r = Checked(block, digest);
        var count = Bounded(r.Int(), sizes.Heavy);
        var records = new TimelineRecord[wanted.Count];
        var next = 0;
        for (var i = 0; i < count && next < wanted.Count; i++)
        {
            if (wanted[next] == i)
            {
                records[next++] = ReadRecord(r);
            }
            else
            {
                SkipRecord(r);
            }
        }
        return next == wanted.Count ? records : throw new InvalidDataException("a record asked of a stored timeline block past its end");
    }

    private static void WriteRow(TermWriter w, TimelineRow row)
    {
        w.Signed(row.Earliest == TimelineRow.Undated ? -1 : row.Earliest);
        if (row.IsDated)
        {
            w.Int(row.Latest - row.Earliest);
        }
        w.Int(row.From);
        w.Int(row.To == TimelineRow.Open ? 0 : row.To - row.From + 1);
        w.Int(row.Version);
        w.Long(row.Order);
        w.Output.Write((byte)((row.IsOccurrence ? 1 : 0) | (row.LoneOpinion ? 2 : 0)));
        w.Text(row.Id);
        if (!row.IsDated)
        {
            w.Texts(row.UndatedSources ?? []);
        }
    }

    private static TimelineRow ReadRow(TermReader r)
    {
        var earliest = checked((int)r.Signed());
        var dated = earliest != -1;
        var latest = dated ? earliest + r.Int() : TimelineRow.Undated;
        earliest = dated ? earliest : TimelineRow.Undated;
        var from = r.Int();
        var span = r.Int();
        var (version, order, flags, id) = (r.Int(), r.Long(), r.Byte(), r.Required());
        string[]? sources = dated ? null : [.. r.Texts()];
        return new TimelineRow(earliest, latest, from, span == 0 ? TimelineRow.Open : from + span - 1, version, order, (flags & 1) != 0, (flags & 2) != 0, id, sources);
    }

    private static void WriteRecord(TermWriter w, TimelineRecord record)
    {
        w.Text(record.Id);
        w.Text(record.Title);
        w.Bool(record.IsOccurrence);
        w.Text(record.When);
        w.Text(record.Phrase);
        w.Signed(record.Earliest?.DayNumber ?? -1);
        w.Signed(record.Latest?.DayNumber ?? -1);
        w.Text(record.Precision);
        w.Bool(record.TimeContested);
        w.Bool(record.Retracted);
        w.Texts(record.TimeFindings);
        w.Int(record.Claims.Count);
        foreach (var c in record.Claims)
        {
            w.Text(c.ClaimId);
            w.Text(c.Kind);
            w.Text(c.Modality);
            w.Text(c.Summary);
            w.Text(c.SourceId);
            w.Text(c.Grade);
            w.Signed(c.ConfidenceScore);
            w.Bool(c.Retracted);
            w.Text(c.SupersededBy);
            w.Texts(c.CorroboratedBy);
            w.Texts(c.ContradictedBy);
            w.Long(c.Position);
            w.Output.Write(c.EventId.ToByteArray());
            w.Bool(c.IsLive);
        }
        w.Int(record.EventPositions.Count);
        foreach (var position in record.EventPositions)
        {
            w.Long(position);
        }
    }

    private static TimelineRecord ReadRecord(TermReader r)
    {
        var (id, title, isOccurrence, when, phrase) = (r.Required(), r.Required(), r.Bool(), r.Required(), r.Text());
        var (earliest, latest) = (Day(r.Signed()), Day(r.Signed()));
        var (precision, timeContested, retracted, findings) = (r.Required(), r.Bool(), r.Bool(), r.TextList());
        var claimCount = Bounded(r.Int(), 1 << 20);
        var claims = new List<RecordedClaim>(claimCount);
        for (var i = 0; i < claimCount; i++)
        {
            claims.Add(new RecordedClaim(
                r.Required(), r.Required(), r.Required(), r.Required(), r.Required(), r.Required(), checked((int)r.Signed()), r.Bool(),
                r.Text(), r.TextList(), r.TextList(), r.Long(), r.Guid(), r.Bool()));
        }
        var positions = new long[Bounded(r.Int(), 1 << 22)];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = r.Long();
        }
        return new TimelineRecord(id, title, isOccurrence, when, phrase, earliest, latest, precision, timeContested, retracted, findings, claims, positions);

        static DateOnly? Day(long day) => day < 0 ? null : DateOnly.FromDayNumber(checked((int)day));
    }

    /// <summary>Reads past what <see cref="ReadRecord"/> reads, building nothing but the strings the table needs.</summary>
    private static void SkipRecord(TermReader r)
    {
        (_, _, _, _, _) = (r.Required(), r.Required(), r.Bool(), r.Required(), r.Text());
        (_, _, _, _, _) = (r.Signed(), r.Signed(), r.Required(), r.Bool(), r.Bool());
        r.SkipTexts();
        var claimCount = Bounded(r.Int(), 1 << 20);
        for (var i = 0; i < claimCount; i++)
        {
            (_, _, _, _, _, _) = (r.Required(), r.Required(), r.Required(), r.Required(), r.Required(), r.Required());
            (_, _, _) = (r.Signed(), r.Bool(), r.Text());
            r.SkipTexts();
            r.SkipTexts();
            r.Long();
            r.Skip(16);
            r.Bool();
        }
        var positions = Bounded(r.Int(), 1 << 22);
        for (var i = 0; i < positions; i++)
        {
            r.Long();
        }
    }

    private static void WriteSides(TermWriter w, SidesPart sides)
    {
        w.Int(sides.Sources.Count);
        foreach (var s in sides.Sources)
        {
            w.Text(s.SourceId);
            w.Int(s.From);
            w.Text(s.Outlet);
            w.Signed(s.Published?.DayNumber ?? -1);
        }
        w.Int(sides.Contradictions.Count);
        foreach (var c in sides.Contradictions)
        {
            var record = c.Record;
            w.Text(record.ClaimId);
            w.Text(record.OtherClaimId);
            w.Text(record.Field);
            w.Text(record.Reason);
            w.Long(record.Opened.Position);
            w.Output.Write(record.Opened.EventId.ToByteArray());
            w.Output.Write(record.Opened.Recorded.UtcTicks);
            w.Text(record.Opened.RecordedBy);
            w.Text(record.Detail);
            w.Text(record.RecordedField);
            w.Int(c.Opened);
        }
        w.Int(sides.Resolutions.Count);
        foreach (var (index, resolved) in sides.Resolutions)
        {
            w.Int(index);
            w.Int(resolved);
        }
        w.Int(sides.FirstTenureEnd == int.MaxValue ? 0 : sides.FirstTenureEnd + 1);
    }

    private static SidesPart ReadSides(TermReader r)
    {
        var sources = new StoredSource[r.Int()];
        for (var i = 0; i < sources.Length; i++)
        {
            var (id, from, outlet, published) = (r.Required(), r.Int(), r.Required(), r.Signed());
            sources[i] = new StoredSource(id, from, outlet, published < 0 ? null : DateOnly.FromDayNumber(checked((int)published)));
        }
        var contradictions = new StoredContradiction[r.Int()];
        for (var i = 0; i < contradictions.Length; i++)
        {
            var (claim, other, field, reason) = (r.Required(), r.Required(), r.Required(), r.Required());
            var opened = new EventRef(r.Long(), new Guid(r.Bytes(16)), new DateTimeOffset(BitConverter.ToInt64(r.Bytes(8)), TimeSpan.Zero), r.Required());
            var (detail, recordedField) = (r.Text(), r.Text());
            contradictions[i] = new StoredContradiction(new ContradictionRecord(claim, other, field, reason, opened, null, detail, recordedField), r.Int());
        }
        var resolutions = new (int, int)[r.Int()];
        for (var i = 0; i < resolutions.Length; i++)
        {
            resolutions[i] = (r.Int(), r.Int());
        }
        var tenure = r.Int();
        return new SidesPart(sources, contradictions, resolutions, tenure == 0 ? int.MaxValue : tenure - 1);
    }

    // A count edited in a stored piece must not allocate gigabytes before the piece runs out.
    private static int Bounded(int count, int max) =>
        count < 0 || count > max ? throw new InvalidDataException("a count past what a stored timeline piece can hold") : count;

    private static TermReader Checked(byte[] block, byte[] digest)
    {
        if (!SHA256.HashData(block).AsSpan().SequenceEqual(digest))
        {
            throw new InvalidDataException("a piece of a stored timeline does not match its digest");
        }
        return Reader(block, 0);
    }

    private static TermReader Reader(byte[] bytes, int at) => TermReader.Inflate(bytes, at);
}

/// <summary>A segment's pieces as stored: the directory and its blocks, each block numbered from 0.</summary>
internal sealed record EncodedSegment(byte[] Directory, List<byte[]> RevisionBlocks, List<byte[]> RowBlocks, List<byte[]> HeavyBlocks);

/// <summary>A row block's first day, the counts its versions may be alive for (its stored ends: later segments only end versions earlier) and its digest.</summary>
internal sealed record RowBlockSummary(int FirstEarliest, int MinFrom, int MaxTo, byte[] Digest);

/// <summary>A row block read: its rows and the digests of the heavy blocks holding their records.</summary>
internal sealed record RowBlockData(TimelineRow[] Rows, byte[][] HeavyDigests);

/// <summary>What a stored segment's directory says of it.</summary>
internal sealed record SegmentDirectory(
    long FirstRevision, int Revisions, byte[] Hash, int FirstVersion, int RowCount, int DatedCount, int MaxSpan, TimelineBlocks Sizes,
    (long MaxTicks, byte[] Digest)[] RevisionBlocks, RowBlockSummary[] RowBlocks, TimelineEnd[] Ended, SidesPart Sides)
{
    public long LastRevision => FirstRevision + Revisions - 1;
}

/// <summary>
/// How many revisions, rows and printed records a stored block holds: a page reads a few row blocks and the heavy
/// blocks of its items, so rows are many per block (small each) and records few. Rows must be a multiple of Heavy.
/// </summary>
public readonly record struct TimelineBlocks(int Revisions, int Rows, int Heavy)
{
    public static readonly TimelineBlocks Default = Of(1024);

    /// <summary>Blocks of <paramref name="rows"/> rows, four times as many revisions and a sixteenth as many records (at least one).</summary>
    public static TimelineBlocks Of(int rows) => new(rows * 4, rows, Math.Clamp(rows / 16, 1, 64));

    internal bool IsValid => Revisions is > 0 and <= 1 << 20 && Rows is > 0 and <= 1 << 20 && Heavy > 0 && Rows % Heavy == 0;
}
