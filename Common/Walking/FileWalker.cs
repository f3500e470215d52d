using System.IO.Enumeration;
using MediaLibrary.Common.Identity;

namespace MediaLibrary.Common.Walking;

/// <summary>
/// Streams the regular files under a root in <see cref="WalkOrder"/>, depth first, holding one
/// sorted listing per open directory level (never the whole tree). Special files are reported and
/// never opened; errors are reported with their path and the walk goes on.
/// </summary>
public sealed class FileWalker(WalkOptions options)
{
    /// <summary>Walks <paramref name="root"/> (a directory, or a single file); with <paramref name="after"/>,
    /// only paths that sort after it (a resumed walk: whole folders before it are not even listed).</summary>
    public IEnumerable<WalkEntry> Walk(string root, string? after = null)
    {
        root = NormalizeRoot(root);
        var (rootStat, rootProblem) = StatRoot(root);
        if (rootProblem is not null)
        {
            yield return new WalkEntry(root, default, WalkProblem.Error, rootProblem);
            yield break;
        }

        if (rootStat.Type != FileType.Directory)
        {
            yield return Classify(root, rootStat, rootStat);
            yield break;
        }

        // Each frame is a directory being walked: its sorted children and the (dev, ino) of it and
        // its ancestors, which is what detects a loop when symlinks are followed.
        var stack = new Stack<Frame>();
        var ancestors = new HashSet<(ulong, ulong)> { (rootStat.Device, rootStat.Inode) };
        var (rootChildren, rootError) = List(root);
        if (rootError is not null)
        {
            yield return new WalkEntry(root, rootStat, WalkProblem.UnreadableDirectory, rootError);
            yield break;
        }
        stack.Push(new Frame(rootStat, rootChildren!));

        while (stack.Count > 0)
        {
            var frame = stack.Peek();
            if (frame.Next >= frame.Children.Count)
            {
                stack.Pop();
                ancestors.Remove((frame.Stat.Device, frame.Stat.Inode));
                continue;
            }
            var child = frame.Children[frame.Next++];
            if (after is not null && AlreadyDone(child, after))
            {
                continue;
            }
            if (child.Error is not null)
            {
                // A directory that cannot be stat'ed is unreadable, not empty: what is known under it stays.
                var problem = child.IsDirectory ? WalkProblem.UnreadableDirectory : WalkProblem.Error;
                yield return new WalkEntry(child.Path, default, problem, child.Error);
                continue;
            }
            var stat = child.Stat;
            var target = stat;
            if (stat.Type == FileType.Symlink)
            {
                if (!options.FollowSymlinks)
                {
                    yield return new WalkEntry(child.Path, stat, WalkProblem.Symlink, "symlink not followed");
                    continue;
                }
                if (child.Target is not { } resolved)
                {
                    yield return new WalkEntry(child.Path, stat, WalkProblem.Symlink, child.TargetError);
                    continue;
                }
                target = resolved;
            }

            if (target.Type == FileType.Directory)
            {
                if (!ancestors.Add((target.Device, target.Inode)))
                {
                    yield return new WalkEntry(child.Path, target, WalkProblem.Symlink, "symlink loop");
                    continue;
                }
                var (children, listError) = List(child.Path);
                if (listError is not null)
                {
                    ancestors.Remove((target.Device, target.Inode));
                    yield return new WalkEntry(child.Path, target, WalkProblem.UnreadableDirectory, listError);
                    continue;
                }
                stack.Push(new Frame(target, children!));
                continue;
            }
            yield return Classify(child.Path, target, stat);
        }
    }

    /// <summary>Absolute, without a trailing slash (except "/"), so paths compare as the catalog stores them.</summary>
    public static string NormalizeRoot(string root)
    {
        var full = Path.GetFullPath(root);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    // A folder is done when everything under it ("dir/...", all below "dir0") sorts before the cursor.
    private static bool AlreadyDone(Child child, string after) => child.IsDirectory
        ? string.CompareOrdinal(child.Path + "0", after) <= 0
        : string.CompareOrdinal(child.Path, after) <= 0;

    private static (FileStat Stat, string? Error) StatRoot(string root)
    {
        try
        {
            return (UnixFiles.Stat(root, followSymlinks: true), null);
        }
        catch (StatException e)
        {
            return (default, e.Reason);
        }
    }

    private static WalkEntry Classify(string path, in FileStat target, in FileStat link) => target.Type switch
    {
        FileType.Regular => new WalkEntry(path, target, WalkProblem.None, null),
        _ => new WalkEntry(path, link, WalkProblem.SpecialFile, $"not a regular file ({target.Type})"),
    };

    private (List<Child>? Children, string? Error) List(string dir)
    {
        var children = new List<Child>();
        try
        {
            // IsDirectory comes from readdir's d_type: it is what sorts an entry whose stat fails.
            var names = new FileSystemEnumerable<(string Name, bool IsDirectory)>(
                dir,
                (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory),
                new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false, IgnoreInaccessible = false });
            foreach (var (name, isDirectory) in names)
            {
                var path = dir.Length == 1 ? "/" + name : dir + "/" + name;
                bool undecodable = name.Contains('\uFFFD', StringComparison.Ordinal);
                try
                {
                    var stat = UnixFiles.Stat(path, followSymlinks: false);
                    FileStat? target = null;
                    string? targetError = null;
                    if (options.FollowSymlinks && stat.Type == FileType.Symlink)
                    {
                        // Resolved once, here: the sort key and the walk must agree on what it is.
                        (target, targetError) = ResolveLink(path);
                    }
                    bool sortsAsDir = stat.Type == FileType.Directory || target?.Type == FileType.Directory;
                    children.Add(new Child(path, WalkOrder.SortKey(name, sortsAsDir), stat, target, targetError, null, sortsAsDir));
                }
                catch (StatException e) when (e.Vanished && !undecodable)
                {
                    // Gone between readdir and stat: not an error; the catalog marks it gone.
                }
                catch (StatException e)
                {
                    var reason = undecodable ? "file name is not valid UTF-8 (it cannot be opened by name)" : e.Reason;
                    children.Add(new Child(path, WalkOrder.SortKey(name, isDirectory), default, null, null, reason, isDirectory));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
        children.Sort(static (a, b) => string.CompareOrdinal(a.SortKey, b.SortKey));
        return (children, null);
    }

    private static (FileStat? Target, string? Error) ResolveLink(string path)
    {
        try
        {
            return (UnixFiles.Stat(path, followSymlinks: true), null);
        }
        catch (StatException e)
        {
            return (null, e.Errno == StatException.ELOOP ? "symlink loop" : "dangling symlink: " + e.Reason);
        }
    }

    private sealed record Child(string Path, string SortKey, FileStat Stat, FileStat? Target, string? TargetError, string? Error, bool IsDirectory);

    private sealed class Frame(FileStat stat, List<Child> children)
    {
        public FileStat Stat { get; } = stat;
        public List<Child> Children { get; } = children;
        public int Next { get; set; }
    }
}
