using MediaLibrary.Common.Catalog;

namespace MediaLibrary.Common.Quality;

/// <summary>Orders copies of one video by the one best-copy rule (<see cref="CopyQuality"/>),
/// treating hardlinks of one inode as one file: they are never each other's copies.</summary>
public static class BestCopy
{
    /// <summary>The records best first; ties go to the shorter, then the smaller path, so the order is stable.</summary>
    public static List<CatalogRecord> Rank(IEnumerable<CatalogRecord> records) =>
        records.Select(r => (Record: r, Quality: CopyQuality.Of(r.Path, r.Size, r.Media is { ProbeError.Length: 0 } m ? m : null)))
            .OrderByDescending(x => x.Quality)
            .ThenBy(x => x.Record.Path.Length)
            .ThenBy(x => x.Record.Path, StringComparer.Ordinal)
            .Select(x => x.Record)
            .ToList();

    /// <summary>True when both records are one file on disk (same source, device and inode).</summary>
    public static bool SameFile(CatalogRecord a, CatalogRecord b) =>
        a.Source == b.Source && a.Device == b.Device && a.Inode == b.Inode && a.Inode != 0;

    /// <summary>Bytes freed by keeping only <paramref name="keeper"/>: each other file counted once,
    /// and nothing for the keeper's own hardlinks.</summary>
    public static long Reclaimable(CatalogRecord keeper, IEnumerable<CatalogRecord> members) =>
        members.Where(m => !SameFile(m, keeper) && !ReferenceEquals(m, keeper))
            .DistinctBy(m => m.Inode == 0 ? (m.Source, 0L, 0L, m.Path) : (m.Source, m.Device, m.Inode, ""))
            .Sum(m => m.Size);
}
