namespace MediaLibrary.Common.Walking;

/// <summary>How a walk treats symlinks.</summary>
/// <param name="FollowSymlinks">Follow symlinks to files and directories (loops are detected and skipped).</param>
public sealed record WalkOptions(bool FollowSymlinks = false);
