using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MediaLibrary.Tests.Support;

/// <summary>A real folder of files for one test, removed afterwards; content is seeded, so runs repeat.</summary>
internal sealed partial class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "mlm-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        Catalog = Path.Combine(Root, "_catalog", "catalog.db");
        Files = Path.Combine(Root, "files");
        Directory.CreateDirectory(Files);
    }

    /// <summary>The test's folder (holds the catalog and the tree).</summary>
    public string Root { get; }

    /// <summary>The tree to scan.</summary>
    public string Files { get; }

    /// <summary>A catalog path outside the scanned tree.</summary>
    public string Catalog { get; }

    public string PathOf(string relative) => Path.Combine(Files, relative);

    public string Write(string relative, byte[] data)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, data);
        return path;
    }

    public string WriteRandom(string relative, int size, int seed) => Write(relative, RandomBytes(size, seed));

    /// <summary>path → content hash of every file under <see cref="Files"/> and the other folders given.</summary>
    public Dictionary<string, string> Snapshot(params string[] more) => SnapshotOf([Files, .. more]);

    /// <summary>path → content hash of every file under the folders (missing ones are empty).</summary>
    public static Dictionary<string, string> SnapshotOf(params string[] folders) => folders.Where(Directory.Exists)
        .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
        .ToDictionary(p => p, p => Convert.ToHexString(System.IO.Hashing.XxHash128.Hash(File.ReadAllBytes(p))));

    public static byte[] RandomBytes(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    public string Fifo(string relative)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (MkFifo(path, 0x1A4) != 0)
        {
            throw new IOException($"mkfifo failed: {Marshal.GetLastPInvokeError()}");
        }
        return path;
    }

    public string HardLink(string existingRelative, string relative)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (Link(PathOf(existingRelative), path) != 0)
        {
            throw new IOException($"link failed: {Marshal.GetLastPInvokeError()}");
        }
        return path;
    }

    public string Symlink(string relative, string target)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Paths beyond PATH_MAX defeat Directory.Delete; rm walks relative to each folder.
            using var rm = Process.Start("rm", ["-rf", Root]);
            rm.WaitForExit();
        }
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkFifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string path);
}
