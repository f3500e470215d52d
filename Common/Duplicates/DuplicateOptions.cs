namespace MediaLibrary.Common.Duplicates;

/// <summary>Settings of a duplicate search.</summary>
/// <param name="MinSize">Ignore files smaller than this (default 1: empty files are not duplicates worth reporting).</param>
/// <param name="Workers">Files hashed at once.</param>
/// <param name="FollowSymlinks">Whether the scan followed symlinks (so paths may be symlinks to open).</param>
public sealed record DuplicateOptions(long MinSize = 1, int Workers = 2, bool FollowSymlinks = false);
