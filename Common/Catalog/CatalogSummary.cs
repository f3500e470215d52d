namespace MediaLibrary.Common.Catalog;

/// <summary>What the catalog holds, per kind.</summary>
/// <param name="Kinds">Present files and bytes per kind.</param>
/// <param name="Gone">Records of files no longer present.</param>
/// <param name="Sources">Sources that have records.</param>
public sealed record CatalogSummary(IReadOnlyDictionary<string, (long Files, long Bytes)> Kinds, long Gone, IReadOnlyList<string> Sources);
