using System.Buffers;
using BilateralTimeline.Application.Validation;
using Microsoft.Win32.SafeHandles;

namespace BilateralTimeline.Application.Features.Import.ImportLedgerFile;

/// <summary>
/// Reads an open file up to the import size limit. The limit is counted while reading, not taken
/// from the file's length: /dev/zero, /proc files and pipes report a length of 0 and never end (or
/// end much later).
/// </summary>
internal static class BoundedRead
{
    public static byte[] All(SafeFileHandle handle, string field, string shown, long limit)
    {
        using var rented = Rent(handle, field, shown, limit);
        return rented.Bytes.ToArray();
    }

    /// <summary>
    /// As <see cref="All"/>, into a buffer of the shared pool that disposing gives back. An import file of
    /// megabytes read into a fresh array each time went to the large-object heap, and each file's array
    /// made the collector stop both cores for a full collection.
    /// </summary>
    public static Rented Rent(SafeFileHandle handle, string field, string shown, long limit)
    {
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        // A regular file's length is known up front: refuse a big one without reading it, with its size.
        if (stream.CanSeek && stream.Length > limit)
        {
            throw TooLarge(field, $"'{shown}' is {stream.Length / (1024.0 * 1024):0.#} MB", limit);
        }
        // Sized to a regular file up front (one byte over, to see its end without growing); a pipe's grows as it is read.
        var buffer = ArrayPool<byte>.Shared.Rent(stream.CanSeek ? (int)stream.Length + 1 : 81920);
        var length = 0;
        try
        {
            int read;
            while ((read = stream.Read(buffer, length, Math.Min(buffer.Length - length, 81920))) > 0)
            {
                if (length + (long)read > limit)
                {
                    throw TooLarge(field, $"'{shown}' holds more than {limit / (1024 * 1024)} MB (reading stopped there)", limit);
                }
                length += read;
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
            }
            return new Rented(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static InputRejectedException TooLarge(string field, string what, long limit) =>
        new(field, $"{what}; the limit is {limit / (1024 * 1024)} MB: split it into one file per source");

    /// <summary>A file's bytes in a pooled buffer; disposing gives the buffer back, after which the bytes must not be read.</summary>
    public readonly struct Rented(byte[] buffer, int length) : IDisposable
    {
        public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, length);

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }
}
