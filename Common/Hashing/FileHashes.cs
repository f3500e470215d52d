namespace MediaLibrary.Common.Hashing;

/// <summary>Result of hashing one file.</summary>
/// <param name="SampleHash">Hex digest of the samples; "" for an empty file (contract).</param>
/// <param name="FullHash">Hex digest of the whole file, when it was read whole (small files, or asked for).</param>
public readonly record struct FileHashes(string SampleHash, string? FullHash);
