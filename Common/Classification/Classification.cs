namespace MediaLibrary.Common.Classification;

/// <summary>The verdict on one file name.</summary>
/// <param name="Kind">One of <see cref="FileKind"/>.</param>
/// <param name="Extension">Lower-case with the dot, "" if none.</param>
/// <param name="JunkReason">For junk: <c>pattern: &lt;glob&gt;</c>, as the contract words it.</param>
public readonly record struct Classification(string Kind, string Extension, string? JunkReason);
