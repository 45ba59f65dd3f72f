using System.IO.Compression;
using System.Security.Cryptography;

namespace BilateralTimeline.Application.Projections.StateVersions;

/// <summary>
/// The frame every stored segment of versions shares: magic, format, the build of the fold and the events,
/// the revisions it covers and the chain hash of its last, its first version, the codec's own header fields,
/// then the SHA-256 of the deflated body and the body. A segment is what one build's fold made of the events,
/// so a row of another build, format or kind is refused before its body is read.
/// </summary>
internal static class SegmentEnvelope
{
    // The builds of the fold and the events (their modules' ids, which change with their code).
    private static readonly byte[] Build =
    [
        .. typeof(SegmentEnvelope).Assembly.ManifestModule.ModuleVersionId.ToByteArray(),
        .. typeof(Domain.Ledger.DyadId).Assembly.ManifestModule.ModuleVersionId.ToByteArray(),
    ];

    public static byte[] Wrap(ReadOnlySpan<byte> magic, int format, SegmentFrame frame, Action<BinaryWriter> fields, byte[] body)
    {
        using var document = new MemoryStream(body.Length + 128);
        using (var header = new BinaryWriter(document, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            header.Write(magic);
            header.Write(format);
            header.Write(Build);
            header.Write(frame.FirstRevision);
            header.Write(frame.Revisions);
            header.Write7BitEncodedInt(frame.Hash.Length);
            header.Write(frame.Hash);
            header.Write(frame.FirstVersion);
            fields(header);
            header.Write(SHA256.HashData(body));
            header.Write(body);
        }
        return document.ToArray();
    }

    /// <summary>The frame's first fields; the codec's own fields follow in <paramref name="reader"/>.</summary>
    /// <exception cref="InvalidDataException"><paramref name="what"/>: not of this magic, format and build.</exception>
    public static SegmentFrame ReadFrame(BinaryReader reader, ReadOnlySpan<byte> magic, int format, string what)
    {
        if (!reader.ReadBytes(magic.Length).AsSpan().SequenceEqual(magic) || reader.ReadInt32() != format
            || !reader.ReadBytes(Build.Length).AsSpan().SequenceEqual(Build))
        {
            throw new InvalidDataException("not " + what + " of this format and build");
        }
        var firstRevision = reader.ReadInt64();
        var revisions = reader.ReadInt32();
        var hash = reader.ReadBytes(reader.Read7BitEncodedInt());
        return new SegmentFrame(firstRevision, revisions, hash, reader.ReadInt32());
    }

    /// <summary>After the codec's fields: where the body starts, and whether it matches its digest.</summary>
    public static (int BodyAt, bool Intact) ReadBody(BinaryReader reader, byte[] document)
    {
        var digest = reader.ReadBytes(SHA256.HashSizeInBytes);
        var bodyAt = (int)reader.BaseStream.Position;
        return (bodyAt, SHA256.HashData(document.AsSpan(bodyAt)).AsSpan().SequenceEqual(digest));
    }

    /// <summary>As <see cref="ReadBody(BinaryReader, byte[])"/>, for a body of <paramref name="bodyLength"/> bytes that other bytes follow (of the first <paramref name="length"/> of <paramref name="document"/>).</summary>
    public static (int BodyAt, bool Intact) ReadBody(BinaryReader reader, byte[] document, int bodyLength, int length)
    {
        var digest = reader.ReadBytes(SHA256.HashSizeInBytes);
        var bodyAt = (int)reader.BaseStream.Position;
        return bodyLength < 0 || (long)bodyAt + bodyLength > length
            ? (bodyAt, false)
            : (bodyAt, SHA256.HashData(document.AsSpan(bodyAt, bodyLength)).AsSpan().SequenceEqual(digest));
    }

    public static byte[] Deflate(Action<TermWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var output = new BinaryWriter(new BufferedStream(deflate, 1 << 16)))
        {
            write(new TermWriter(output));
        }
        return buffer.ToArray();
    }
}

/// <summary>The revisions a stored segment covers, the chain hash of its last, and its first version.</summary>
internal readonly record struct SegmentFrame(long FirstRevision, int Revisions, byte[] Hash, int FirstVersion);
