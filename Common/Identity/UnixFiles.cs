using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MediaLibrary.Common.Identity;

/// <summary>
/// statx and open from the C library. .NET has no API for device and inode numbers, and opening a
/// FIFO through FileStream blocks forever, so identity and safe opening go through libc directly.
/// statx's struct layout is the same on every Linux architecture, unlike struct stat.
/// </summary>
public static partial class UnixFiles
{
    private const int AtFdcwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int ONoFollow = 0x20000;
    private const int OCloExec = 0x80000;

    /// <summary>stat of a path; <paramref name="followSymlinks"/> false gives lstat semantics.</summary>
    /// <exception cref="StatException">The path is missing, unreadable, or otherwise fails.</exception>
    public static FileStat Stat(string path, bool followSymlinks = false)
    {
        int rc = Statx(AtFdcwd, path, followSymlinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, out var buf);
        if (rc != 0)
        {
            throw Error(path);
        }
        return buf.ToFileStat();
    }

    /// <summary>Opens a file for reading without ever blocking (FIFOs) and checks it is the regular
    /// file the walk saw: a file replaced between listing and reading is an error, not wrong bytes.</summary>
    /// <exception cref="StatException">Missing, unreadable, not a regular file, or changed since <paramref name="expected"/>.</exception>
    public static SafeFileHandle OpenVerified(string path, in FileStat expected, bool followSymlinks)
    {
        int flags = ORdOnly | ONonBlock | OCloExec | (followSymlinks ? 0 : ONoFollow);
        int fd = Open(path, flags);
        if (fd < 0)
        {
            throw Error(path);
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            if (Statx(fd, "", AtEmptyPath, StatxBasicStats, out var buf) != 0)
            {
                throw Error(path);
            }
            var now = buf.ToFileStat();
            if (now.Type != FileType.Regular)
            {
                throw new StatException(path, 0, $"not a regular file ({now.Type})");
            }
            if (!now.SameContentIdentity(expected))
            {
                throw new StatException(path, 0, "changed while being scanned");
            }
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Renames without ever replacing: fails with EEXIST when <paramref name="to"/> exists
    /// (renameat2 RENAME_NOREPLACE, atomic), EXDEV across file systems.</summary>
    /// <exception cref="StatException">The rename failed; <see cref="StatException.Errno"/> says why.</exception>
    public static void RenameNoReplace(string from, string to)
    {
        if (RenameAt2(AtFdcwd, from, AtFdcwd, to, 1) == 0)
        {
            return;
        }
        var error = Error(from);
        if (error.Errno is not (EINVAL or ENOSYS or EOPNOTSUPP))
        {
            throw error;
        }
        // NFS, many FUSE file systems and older OpenZFS lack RENAME_NOREPLACE: link(2) refuses an
        // existing name just as atomically; then the old name goes. A crash in between leaves two
        // names of one file, which a recovery tells by their inode.
        if (Link(from, to) != 0)
        {
            throw Error(from);
        }
        if (Unlink(from) != 0)
        {
            throw Error(from);
        }
    }

    /// <summary>Flushes a folder's entries to disk (fsync of the directory), so that a rename into it
    /// survives a power cut before anything that relies on it (removing the source) happens.</summary>
    /// <exception cref="StatException">The folder could not be opened or flushed.</exception>
    public static void SyncDirectory(string path)
    {
        int fd = Open(path, ORdOnly | OCloExec | ODirectory);
        if (fd < 0)
        {
            throw Error(path);
        }
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (Fsync(fd) != 0)
        {
            throw Error(path);
        }
    }

    private const int EINVAL = 22;
    private const int ENOSYS = 38;
    private const int EOPNOTSUPP = 95;
    private const int ODirectory = 0x10000;

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Unlink(string path);

    /// <summary>Sets the modification time to the nanosecond (utimensat; the access time is left alone),
    /// as <c>mv</c> keeps it for a file copied to another file system.</summary>
    /// <exception cref="StatException">It could not be set.</exception>
    public static unsafe void SetModificationTime(string path, long mtimeNs)
    {
        const long UtimeOmit = (1L << 30) - 2;
        var times = stackalloc long[4] { 0, UtimeOmit, mtimeNs / 1_000_000_000, mtimeNs % 1_000_000_000 };
        if (UtimensAt(AtFdcwd, path, times, 0) != 0)
        {
            throw Error(path);
        }
    }

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int UtimensAt(int dirFd, string path, long* times, int flags);

    /// <summary>Makes <paramref name="path"/> a hardlink of <paramref name="existing"/>; never replaces (EEXIST).</summary>
    /// <exception cref="StatException">The link failed; <see cref="StatException.Errno"/> says why.</exception>
    public static void HardLink(string existing, string path)
    {
        if (Link(existing, path) != 0)
        {
            throw Error(path);
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string path);

    /// <summary>errno of a rename across file systems.</summary>
    public const int EXDEV = 18;

    /// <summary>errno of a target that exists.</summary>
    public const int EEXIST = 17;

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);

    /// <summary>The canonical path (symlinks, "." and ".." resolved), or null when it does not exist.</summary>
    public static string? RealPath(string path)
    {
        nint resolved = RealPathNative(path, 0);
        if (resolved == 0)
        {
            return null;
        }
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Marshal.FreeHGlobal(resolved); // glibc's malloc, which FreeHGlobal calls free() on
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPathNative(string path, nint resolved);

    private static StatException Error(string path)
    {
        int errno = Marshal.GetLastPInvokeError();
        return new StatException(path, errno, Marshal.GetPInvokeErrorMessage(errno));
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buf);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    /// <summary>struct statx (linux/stat.h); only the fields we read are mapped.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(16)] public uint Nlink;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Ino;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(96)] public long CtimeSec;
        [FieldOffset(104)] public uint CtimeNsec;
        [FieldOffset(112)] public long MtimeSec;
        [FieldOffset(120)] public uint MtimeNsec;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;

        public readonly FileStat ToFileStat() => new(
            TypeOf(Mode),
            MakeDev(DevMajor, DevMinor),
            Ino,
            (long)Size,
            (MtimeSec * 1_000_000_000) + MtimeNsec,
            (CtimeSec * 1_000_000_000) + CtimeNsec,
            Nlink);
    }

    private static FileType TypeOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileType.Regular,
        0x4000 => FileType.Directory,
        0xA000 => FileType.Symlink,
        0x1000 => FileType.Fifo,
        0xC000 => FileType.Socket,
        0x2000 => FileType.CharDevice,
        0x6000 => FileType.BlockDevice,
        _ => FileType.Unknown,
    };

    // glibc's makedev, so device numbers match what stat(1) and the earlier Python agent report.
    private static ulong MakeDev(uint major, uint minor) =>
        ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8)
        | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
}
