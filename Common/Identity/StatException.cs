namespace MediaLibrary.Common.Identity;

/// <summary>A stat or open that failed, with errno kept so callers can tell "vanished" from "denied".</summary>
public sealed class StatException(string path, int errno, string message) : IOException($"{message}: {path}")
{
    public const int ENOENT = 2;
    public const int EACCES = 13;
    public const int ENOTDIR = 20;
    public const int ELOOP = 40;

    /// <summary>The path that failed.</summary>
    public string Path { get; } = path;

    /// <summary>The C library's error number.</summary>
    public int Errno { get; } = errno;

    /// <summary>The reason without the path, for error lists that print the path beside it.</summary>
    public string Reason { get; } = message;

    /// <summary>True when the file no longer exists (deleted or renamed away mid-scan).</summary>
    public bool Vanished => Errno is ENOENT or ENOTDIR;
}
