namespace MediaLibrary.Common.Organizing;

/// <summary>How an organize plan puts files at their targets.</summary>
public enum OrganizeMode
{
    /// <summary>Relocate (rename, or copy-verify-remove across file systems).</summary>
    Move,
    /// <summary>Copy (fsync, verify); the source stays.</summary>
    Copy,
    /// <summary>A hardlink at the target (same file system only).</summary>
    Hardlink,
    /// <summary>A symlink at the target pointing to the source.</summary>
    Symlink,
}
