using System.IO.Compression;
using System.Security.Cryptography;

namespace BilateralTimeline.Application.Projections.Snapshots;

/// <summary>
/// The fold of a dyad's stream up to <see cref="Revision"/>, with what proves which history it
/// reflects: the chain hash of the event at that revision, and the latest recording time among the
/// events it folded (a query known at an earlier time must not start from it).
/// </summary>
public sealed record LedgerSnapshot(long Revision, ReadOnlyMemory<byte> Hash, DateTimeOffset RecordedUpTo, LedgerView View)
{
    /// <summary>The layout's version: a build that changes it reads no older snapshot (they are stored under their format).</summary>
    public const int Format = 1;

    private static ReadOnlySpan<byte> Magic => "BTLS"u8;

    /// <summary>
    /// The builds of the fold and the events (their modules' ids, which change with their code): a
    /// snapshot holds what one build's fold made of the events, skipping types it did not know, so a build
    /// that knows more or folds differently must not start from it.
    /// </summary>
    private static readonly byte[] Build =
    [
        .. typeof(LedgerSnapshot).Assembly.ManifestModule.ModuleVersionId.ToByteArray(),
        .. typeof(Domain.Ledger.DyadId).Assembly.ManifestModule.ModuleVersionId.ToByteArray(),
    ];

    /// <summary>
    /// Header (magic, format, build, revision, chain hash, recorded-up-to, SHA-256 and length of the body), then
    /// the body: the view as <see cref="SnapshotWriter"/> lays it out, deflated. The body's digest catches
    /// a row damaged or edited in place; it is no defence against someone who can rewrite the row (nor is
    /// the row the record: the log is, and a snapshot only ever saves re-reading it).
    /// </summary>
    public byte[] Encode()
    {
        using var body = new MemoryStream();
        using (var deflate = new DeflateStream(body, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(new BufferedStream(deflate, 1 << 16)))
        {
            new SnapshotWriter(writer).Write(View);
        }
        var bodyBytes = body.GetBuffer().AsSpan(0, (int)body.Length);
        using var document = new MemoryStream((int)body.Length + 128);
        using (var header = new BinaryWriter(document, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            header.Write(Magic);
            header.Write(Format);
            header.Write(Build);
            header.Write(Revision);
            header.Write7BitEncodedInt(Hash.Length);
            header.Write(Hash.Span);
            header.Write(RecordedUpTo.UtcTicks);
            header.Write(SHA256.HashData(bodyBytes));
            header.Write(bodyBytes.Length);
            header.Write(bodyBytes);
        }
        return document.ToArray();
    }

    /// <summary>The header alone, without inflating the body: what deciding whether to use a snapshot needs.</summary>
    /// <exception cref="InvalidDataException">Not a snapshot of this format.</exception>
    public static (long Revision, byte[] Hash, DateTimeOffset RecordedUpTo, int BodyAt) ReadHeader(byte[] document)
    {
        using var reader = new BinaryReader(new MemoryStream(document, writable: false));
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadInt32() != Format)
        {
            throw new InvalidDataException("not a ledger snapshot of format " + Format);
        }
        if (!reader.ReadBytes(Build.Length).AsSpan().SequenceEqual(Build))
        {
            throw new InvalidDataException("a ledger snapshot written by another build of the fold");
        }
        var revision = reader.ReadInt64();
        var hash = reader.ReadBytes(reader.Read7BitEncodedInt());
        var recordedUpTo = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        return (revision, hash, recordedUpTo, (int)reader.BaseStream.Position);
    }

    /// <summary>The view the body holds, once its digest is checked.</summary>
    /// <exception cref="InvalidDataException">The body is damaged.</exception>
    public static LedgerView ReadView(byte[] document, int bodyAt)
    {
        var digest = document.AsSpan(bodyAt, SHA256.HashSizeInBytes);
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(document.AsSpan(bodyAt + SHA256.HashSizeInBytes));
        var start = bodyAt + SHA256.HashSizeInBytes + sizeof(int);
        if (length < 0 || start + length != document.Length || !SHA256.HashData(document.AsSpan(start, length)).AsSpan().SequenceEqual(digest))
        {
            throw new InvalidDataException("the snapshot's body does not match its digest");
        }
        using var deflate = new DeflateStream(new MemoryStream(document, start, length, writable: false), CompressionMode.Decompress);
        using var reader = new BinaryReader(new BufferedStream(deflate, 1 << 16));
        return new SnapshotReader(reader).Read();
    }
}
