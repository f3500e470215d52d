namespace MediaLibrary.Common.Catalog;

/// <summary>What a junk listing shows of one file.</summary>
/// <param name="Key">Catalog key (source, path), the sort order.</param>
/// <param name="Path">Absolute path.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Ext">Lower-case extension with the dot.</param>
/// <param name="Reason">"pattern: &lt;glob&gt;".</param>
public sealed record JunkEntry(string Key, string Path, long Size, string Ext, string Reason);
