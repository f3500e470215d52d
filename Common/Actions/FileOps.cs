using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Identity;

namespace MediaLibrary.Common.Actions;

/// <summary>File operations that step kinds share: temporary names, stat without throwing,
/// flushed copies, byte comparison, keeping times and modes.</summary>
public static class FileOps
{
    /// <summary>Suffix of a copy under way.</summary>
    public const string PartialSuffix = ".mlm-partial";

    /// <summary>A step's temporary name beside <paramref name="to"/>: hidden, short (a 255-byte target
    /// name plus a suffix would not fit NAME_MAX), and the same at every try of the step, so a recovery finds it.</summary>
    public static string PartialOf(PlanStep step, string to, string suffix = PartialSuffix) =>
        Path.Combine(Path.GetDirectoryName(to)!, "." + step.Id.Replace(':', '-') + suffix);

    /// <summary>The file's identity, or null when it is not there (or cannot be seen).</summary>
    public static FileStat? TryStat(string path, bool followSymlinks = false)
    {
        try
        {
            return UnixFiles.Stat(path, followSymlinks);
        }
        catch (StatException)
        {
            return null;
        }
    }

    /// <summary>"dev:inode:size:mtime_ns", the identity a plan records of each file it acts on.</summary>
    public static string IdentityText(FileStat stat) => $"{stat.Device}:{stat.Inode}:{stat.Size}:{stat.MtimeNs}";

    /// <summary>True when both names are one inode.</summary>
    public static bool SameInode(string a, string b) =>
        TryStat(a) is { } x && TryStat(b) is { } y && x.SameInode(y);

    /// <summary>True when both files hold the same bytes (by full hash).</summary>
    public static bool SameBytes(string a, string b)
    {
        var hasher = new FileHasher(new HashParameters());
        return hasher.FullHash(a, UnixFiles.Stat(a, followSymlinks: true)) == hasher.FullHash(b, UnixFiles.Stat(b, followSymlinks: true));
    }

    /// <summary>True when <paramref name="path"/> has the size and mtime the step recorded of its source.</summary>
    public static bool IsRecordedFile(PlanStep step, string path) =>
        step.Identity is { } identity && TryStat(path) is { } now
        && identity.Split(':') is [_, _, var size, var mtime] && size == now.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)
        && mtime == now.MtimeNs.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Copies to a new file (never an existing one) and flushes it to disk.</summary>
    public static void CopyToNew(string from, string to, CancellationToken cancellation)
    {
        var buffer = new byte[1 << 20];
        using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        using var copy = new FileStream(to, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        for (int n; (n = source.Read(buffer)) > 0;)
        {
            cancellation.ThrowIfCancellationRequested();
            copy.Write(buffer, 0, n);
        }
        copy.Flush(flushToDisk: true);
    }

    /// <summary>As mv does across file systems: the copy keeps the source's mtime and permissions (so a
    /// rescan of the moved file finds its identity unchanged and reads nothing).</summary>
    public static void KeepTimesAndMode(string from, string copy, FileStat stat)
    {
        // Best effort: FAT and exFAT refuse modes (and some mounts times); the bytes are what matters.
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(copy, File.GetUnixFileMode(from));
            }
            UnixFiles.SetModificationTime(copy, stat.MtimeNs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StatException)
        {
        }
    }
}
