using System.IO.Pipes;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using Microsoft.Win32.SafeHandles;

namespace BilateralTimeline.Application.Tests.Import;

/// <summary>
/// Files are read into pooled buffers (<see cref="BoundedRead.Rent"/>): a regular file into one sized to it,
/// a pipe into one that grows as it is read. Every byte must come back, whatever the length.
/// </summary>
public sealed class BoundedReadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bt-bounded-").FullName;

    public static TheoryData<int> Lengths => [0, 1, 81_919, 81_920, 81_921, 163_840, 300_001];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void A_regular_file_is_read_whole(int length)
    {
        var content = Content(length);
        var path = Path.Combine(_folder, $"f{length}");
        File.WriteAllBytes(path, content);
        using var handle = File.OpenHandle(path);

        using var rented = BoundedRead.Rent(handle, "file", path, limit: 1024 * 1024);

        Assert.True(rented.Bytes.SequenceEqual(content));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public async Task A_pipe_is_read_whole_as_its_buffer_grows(int length)
    {
        var content = Content(length);
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var writer = Task.Run(async () =>
        {
            // In uneven pieces, so reads end anywhere in the buffer.
            for (var at = 0; at < content.Length; at += 7_777)
            {
                await server.WriteAsync(content.AsMemory(at, Math.Min(7_777, content.Length - at)));
            }
            server.Dispose();
        });
        using var handle = new SafeFileHandle(client.SafePipeHandle.DangerousGetHandle(), ownsHandle: false);

        var read = BoundedRead.All(handle, "file", "pipe", limit: 1024 * 1024);

        Assert.Equal(content, read);
        await writer;
    }

    private static byte[] Content(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
