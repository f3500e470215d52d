namespace MediaLibrary.Common.Duplicates;

/// <summary>Settings of a duplicate search.</summary>
/// <param name="MinSize">Ignore files smaller than this (default 1: empty files are not duplicates worth reporting).</param>
/// <param name="Workers">Files hashed at once.</param>
/// <param name="HashMissing">Read candidates to compute missing full hashes. A host cannot (the files
/// are on the agents): its candidates without full hashes are counted as awaiting one instead.</param>
public sealed record DuplicateOptions(long MinSize = 1, int Workers = 2, bool HashMissing = true);
