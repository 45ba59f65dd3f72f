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
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        // A regular file's length is known up front: refuse a big one without reading it, with its size.
        if (stream.CanSeek && stream.Length > limit)
        {
            throw TooLarge(field, $"'{shown}' is {stream.Length / (1024.0 * 1024):0.#} MB", limit);
        }
        // Sized to a regular file up front: a large import is then read without growing and copying the buffer.
        using var content = new MemoryStream(stream.CanSeek ? (int)stream.Length : 0);
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (content.Length + read > limit)
            {
                throw TooLarge(field, $"'{shown}' holds more than {limit / (1024 * 1024)} MB (reading stopped there)", limit);
            }
            content.Write(buffer, 0, read);
        }
        return content.Length == content.Capacity ? content.GetBuffer() : content.ToArray();
    }

    private static InputRejectedException TooLarge(string field, string what, long limit) =>
        new(field, $"{what}; the limit is {limit / (1024 * 1024)} MB: split it into one file per source");
}
