using BilateralTimeline.Application.Ports;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>Turns file-system and SQLite failures into errors that say what to do.</summary>
internal static class SqlitePath
{
    public static void EnsureUsable(string path)
    {
        if (Directory.Exists(path))
        {
            throw new EventStoreUnavailableException($"'{path}' is a directory; --db needs a file path, e.g. {System.IO.Path.Combine(path, "timeline.db")}");
        }
        if (File.Exists(path))
        {
            // Checked explicitly because a superuser would otherwise write through the read-only bit.
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0)
            {
                throw new EventStoreUnavailableException($"'{path}' is read-only; make it writable (chmod u+w) or copy it elsewhere and pass --db");
            }
            if ((File.GetAttributes(path) & FileAttributes.ReadOnly) != 0)
            {
                throw new EventStoreUnavailableException($"'{path}' is read-only; clear the read-only attribute or pass another --db");
            }
            return;
        }
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new EventStoreUnavailableException($"cannot create the folder '{directory}' for the store ({e.Message}); pass another --db", e);
            }
        }
        CreateOwnerOnly(path);
    }

    /// <summary>
    /// Creates the store as an empty file readable and writable by its owner only (0600) before SQLite
    /// opens it, since SQLite would create it 0644 and the log may hold texts not meant for other local
    /// users. SQLite gives its -wal, -shm and journal files the database file's mode, so they follow.
    /// An existing file's mode is the owner's choice and is left alone.
    /// </summary>
    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        try
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it in the meantime; SQLite opens it as it is.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EventStoreUnavailableException($"cannot create the store '{path}' ({e.Message}); check the folder is writable or pass another --db", e);
        }
    }

    public static EventStoreException Explain(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        26 => new EventStoreUnavailableException($"'{path}' is not a BilateralTimeline store: SQLite says the file is not a database (or it is encrypted or corrupted); choose another --db", e),
        11 => new EventStoreUnavailableException($"'{path}' is corrupted: SQLite cannot read its pages ({e.Message}); restore the file from a backup", e),
        8 => new EventStoreUnavailableException($"'{path}' is read-only; make it writable or pass another --db", e),
        14 => new EventStoreUnavailableException($"cannot open '{path}' ({e.Message}); check the folder exists and is writable", e),
        13 => new EventStoreUnavailableException($"the disk holding '{path}' is full; nothing was written", e),
        10 => new EventStoreUnavailableException($"I/O error on '{path}' ({e.Message}); nothing was acknowledged", e),
        5 or 6 => new EventStoreUnavailableException($"'{path}' is locked by another process for too long; try again", e),
        _ => new EventStoreUnavailableException($"SQLite error on '{path}': {e.Message}", e),
    };
}
