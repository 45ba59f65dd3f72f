using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Application.Features.Import.ImportLedgerFile;

/// <summary>
/// The only files an import may name as source texts: regular files in the import file's folder or
/// below it, after every symbolic link (of the folder and of the file) is followed. Anything else
/// would copy any file the user can read (/etc/shadow, /proc/self/environ, an SSH key) into the
/// append-only log for good, where consumers read it back; or hang on a named pipe; or read a device
/// without end. Refusals name the path as written and the kind of file, never its content.
/// </summary>
internal sealed class ImportFolder(string importFile)
{
    private readonly string _folder = RealPath.Resolve(Path.GetDirectoryName(Path.GetFullPath(importFile))!);

    public string ReadText(string path, string field, long limit)
    {
        var resolved = Resolve(path, field);
        var textFile = TextRule.Visible(path);
        var before = FileKinds.Of(resolved);
        if (before.Kind != FileKind.Regular)
        {
            throw new InputRejectedException(field, NotRegular(textFile, before.Kind));
        }
        byte[] bytes;
        try
        {
            using var handle = File.OpenHandle(resolved, FileMode.Open, FileAccess.Read, FileShare.Read);
            // Swapped between the check and the open (a link or another file put in its place): refuse rather than read what was not checked.
            if (before.Inode != 0 && FileKinds.Of(handle) is { } opened && (opened.Kind != FileKind.Regular || opened.Device != before.Device || opened.Inode != before.Inode))
            {
                throw new InputRejectedException(field, $"'{textFile}' changed while it was being opened; import again once nothing is writing to the folder");
            }
            bytes = BoundedRead.All(handle, field, textFile, limit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputRejectedException(field, e is UnauthorizedAccessException
                ? $"'{textFile}' cannot be read: permission denied; make it readable for the user running bt"
                : $"'{textFile}' cannot be read (I/O error); check the file and the disk");
        }
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        if (TextRule.Problem(text) is { } problem)
        {
            throw new InputRejectedException(field, $"'{textFile}' {problem}");
        }
        return text;
    }

    private string Resolve(string path, string field)
    {
        var textFile = TextRule.Visible(path);
        string resolved;
        try
        {
            resolved = RealPath.Resolve(Path.Combine(_folder, path));
        }
        catch (IOException)
        {
            throw new InputRejectedException(field, $"'{textFile}' passes through too many symbolic links (a loop?); name the text file itself");
        }
        if (!IsInside(resolved))
        {
            var how = IsInside(Path.GetFullPath(Path.Combine(_folder, path))) ? "leads through a symbolic link to a place outside" : "is outside";
            throw new InputRejectedException(field,
                $"'{textFile}' {how} the import file's folder ({_folder}); source texts are read only from that folder and the folders below it: copy the article there and name it relative to the import file, e.g. \"article.txt\"");
        }
        if (IsPseudoFileSystem(resolved))
        {
            throw new InputRejectedException(field, $"'{textFile}' is a kernel file (under /proc, /sys or /dev), not an article; save the article to a file and name that");
        }
        return resolved;
    }

    private bool IsInside(string path)
    {
        // The folder itself counts as inside, so that naming it is refused as a directory, the clearer reason.
        var folder = Path.EndsInDirectorySeparator(_folder) ? _folder : _folder + Path.DirectorySeparatorChar;
        return path == _folder || path.StartsWith(folder, StringComparison.Ordinal);
    }

    // Kernel views rather than files: even below an import folder that lives there, they are never article texts.
    private static bool IsPseudoFileSystem(string path) =>
        OperatingSystem.IsLinux() && (path.StartsWith("/proc/", StringComparison.Ordinal) || path.StartsWith("/sys/", StringComparison.Ordinal) || path.StartsWith("/dev/", StringComparison.Ordinal));

    private static string NotRegular(string textFile, FileKind kind) => kind switch
    {
        FileKind.Missing => $"'{textFile}' does not exist; the path is relative to the import file's folder",
        FileKind.Directory => $"'{textFile}' is a directory; name the text file inside it",
        FileKind.NamedPipe => $"'{textFile}' is a named pipe (FIFO), not a regular file; save the article to a file and name that",
        FileKind.CharacterDevice or FileKind.BlockDevice => $"'{textFile}' is a device, not a regular file; save the article to a file and name that",
        FileKind.Socket => $"'{textFile}' is a socket, not a regular file; save the article to a file and name that",
        _ => $"'{textFile}' is not a regular file; save the article to a file and name that",
    };
}
