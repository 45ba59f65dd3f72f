using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BilateralTimeline.Application.Features.Import.ImportLedgerFile;

internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    NamedPipe,
    CharacterDevice,
    BlockDevice,
    Socket,
    Unknown,
}

/// <summary>Which file a path or an open handle is (its kind, and its device and inode to tell two files apart).</summary>
internal readonly record struct FileIdentity(FileKind Kind, ulong Device, ulong Inode);

/// <summary>
/// The kind of a file found without opening it: opening a named pipe blocks until a writer comes, and
/// .NET tells a directory from a file but not a pipe or a device from a regular file. On Linux this
/// asks statx(2), whose result layout is the same on every architecture; elsewhere only directories
/// and missing files are told apart (pipes and devices are then refused only when outside the folder).
/// </summary>
internal static class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;

    /// <summary>What <paramref name="path"/> itself is; a symbolic link is reported as one, not followed.</summary>
    public static FileIdentity Of(string path)
    {
        if (OperatingSystem.IsLinux() && Statx(AtFdCwd, path, AtSymlinkNoFollow) is { } identity)
        {
            return identity;
        }
        return new FileIdentity(
            Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing, 0, 0);
    }

    /// <summary>What an open handle is, to check it is still the file that was checked before opening.</summary>
    public static FileIdentity? Of(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Statx((int)handle.DangerousGetHandle(), "", AtEmptyPath);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static FileIdentity? Statx(int directory, string path, int flags)
    {
        // struct statx is 256 bytes; stx_mode is the u16 at 28, stx_ino the u64 at 32, stx_dev_major/minor the u32s at 136 and 140.
        var buffer = new byte[256];
        int result;
        try
        {
            result = NativeStatx(directory, path, flags, StatxType | StatxIno, buffer);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            // ENOENT, ENOTDIR: nothing there. Anything else (ENOSYS on an old kernel, EACCES) falls back to .NET's view.
            return errno is 2 or 20 ? new FileIdentity(FileKind.Missing, 0, 0) : null;
        }
        // The kernel writes the struct in the machine's byte order, which is what BitConverter reads.
        var mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        var kind = mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.NamedPipe,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
        var inode = BitConverter.ToUInt64(buffer, 32);
        var device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
        return new FileIdentity(kind, device, inode);
    }

    // DllImport rather than LibraryImport: the generated marshaller needs unsafe code, and a byte array is blittable anyway.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int NativeStatx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
