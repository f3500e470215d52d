using MediaLibrary.Common.Identity;

namespace MediaLibrary.Common.Walking;

/// <summary>What the walk reports for a path that is not a readable regular file.</summary>
public enum WalkProblem
{
    /// <summary>A regular file, nothing wrong.</summary>
    None,
    /// <summary>Could not be listed or stat'ed (vanished, denied...): counted as an error.</summary>
    Error,
    /// <summary>A directory that could not be listed: what the catalog holds under it is kept as is.</summary>
    UnreadableDirectory,
    /// <summary>FIFO, socket or device: never read (reading a FIFO hangs).</summary>
    SpecialFile,
    /// <summary>A symlink not followed, or one that loops or dangles when following.</summary>
    Symlink,
}

/// <summary>One item of a walk: a regular file with its stat, or a path that was skipped and why.</summary>
/// <param name="Path">Absolute path.</param>
/// <param name="Stat">stat of the file (meaningful when <see cref="Problem"/> is None).</param>
/// <param name="Problem">Why the path is not a file to index.</param>
/// <param name="Reason">Human-readable reason for a problem, else null.</param>
public readonly record struct WalkEntry(string Path, FileStat Stat, WalkProblem Problem, string? Reason)
{
    /// <summary>True for a regular file to index.</summary>
    public bool IsFile => Problem == WalkProblem.None;
}
