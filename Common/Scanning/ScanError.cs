namespace MediaLibrary.Common.Scanning;

/// <summary>A path a scan could not index, and why.</summary>
public readonly record struct ScanError(string Path, string Reason);
