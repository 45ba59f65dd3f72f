namespace BilateralTimeline.Application.Features.Import.ImportLedgerFile;

/// <summary>
/// A path with every symbolic link followed, component by component, as the kernel follows them on
/// open. <see cref="Path.GetFullPath(string)"/> is not enough: it removes "a/link/.." as text, while
/// open goes to the link's target and then to that target's parent.
/// </summary>
internal static class RealPath
{
    /// <summary>Linux's own limit (MAXSYMLINKS) on links followed in one lookup.</summary>
    private const int MaxLinks = 40;

    /// <summary>The resolved path; components that do not exist are kept as written (the caller then finds the file missing).</summary>
    /// <exception cref="IOException">The links loop or are nested too deeply.</exception>
    public static string Resolve(string path)
    {
        var absolute = Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        var root = Path.GetPathRoot(absolute)!;
        var current = root;
        var pending = new LinkedList<string>(Components(absolute[root.Length..]));
        var links = 0;
        while (pending.First is { } first)
        {
            pending.RemoveFirst();
            var name = first.Value;
            if (name is "" or ".")
            {
                continue;
            }
            if (name == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            var next = Path.Join(current, name);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException("too many symbolic links");
                }
                if (Path.IsPathRooted(target))
                {
                    root = Path.GetPathRoot(target)!;
                    current = root;
                    target = target[root.Length..];
                }
                foreach (var part in Components(target).Reverse())
                {
                    pending.AddFirst(part);
                }
                continue;
            }
            current = next;
        }
        return current;
    }

    private static string[] Components(string relative) =>
        relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
}
