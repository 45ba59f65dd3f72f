using System.IO.Pipes;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Validation;
using Microsoft.Win32.SafeHandles;

namespace BilateralTimeline.Application.Tests.Import;

/// <summary>The parts of reading source texts that a whole import cannot isolate: path resolution and the bounded read.</summary>
public sealed class ImportFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bt-import-folder-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_link_followed_by_dot_dot_resolves_from_the_links_target_as_open_does()
    {
        // Given in/shortcut -> elsewhere/deeper
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        Directory.CreateDirectory(Path.Combine(_root, "elsewhere", "deeper"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "in", "shortcut"), Path.Combine(_root, "elsewhere", "deeper"));

        // When
        var resolved = RealPath.Resolve(Path.Combine(_root, "in", "shortcut", "..", "secret.txt"));

        // Then: not in/secret.txt, as Path.GetFullPath would say
        Assert.Equal(Path.Combine(RealPath.Resolve(_root), "elsewhere", "secret.txt"), resolved);
    }

    [Fact]
    public void A_link_loop_is_refused_instead_of_followed_forever()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "a"), Path.Combine(_root, "b"));
        File.CreateSymbolicLink(Path.Combine(_root, "b"), Path.Combine(_root, "a"));

        Assert.Throws<IOException>(() => RealPath.Resolve(Path.Combine(_root, "a")));
    }

    [Fact]
    public async Task A_pipe_that_never_ends_is_cut_off_at_the_limit_while_reading()
    {
        // Given a pipe whose writer keeps writing (its length, as a file's, would read 0)
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        using var cancel = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var chunk = new byte[64 * 1024];
            try
            {
                while (!cancel.IsCancellationRequested)
                {
                    await server.WriteAsync(chunk, cancel.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The reader stopped: what the test wants.
            }
        });
        using var handle = new SafeFileHandle(client.SafePipeHandle.DangerousGetHandle(), ownsHandle: false);

        // When
        var error = Assert.Throws<InputRejectedException>(() => BoundedRead.All(handle, "sources[0].textFile", "endless", limit: 1024 * 1024));

        // Then
        Assert.Equal("sources[0].textFile", error.Errors[0].Field);
        Assert.Contains("holds more than 1 MB (reading stopped there)", error.Errors[0].Message, StringComparison.Ordinal);
        await cancel.CancelAsync();
        client.Dispose();
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("tab\tand\r\nCRLF lines\nand Persian\u200Cjoiner", null)]
    [InlineData("nul\0here", "U+0000 at offset 3")]
    [InlineData("escape\u001b[2J", "U+001B at offset 6")]
    [InlineData("c1\u0085control", "U+0085 at offset 2")]
    public void The_text_rule_allows_tabs_and_line_breaks_and_names_anything_else_by_code_point(string text, string? expected)
    {
        var problem = TextRule.Problem(text);

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_text_rule_refuses_a_lone_surrogate()
    {
        // Not a theory row: the test runner's serialisation of theory data would replace the lone surrogate.
        var problem = TextRule.Problem("lone" + '\uD800' + "surrogate, paired \U0001F600 is fine");

        Assert.Contains("lone UTF-16 surrogate U+D800 at offset 4", problem, StringComparison.Ordinal);
    }
}
