using MediaLibrary.Common.Catalog;

namespace MediaLibrary.Common.Duplicates;

/// <summary>Videos that look the same (other container, encode, trim); <see cref="Best"/> is the one to keep.</summary>
/// <param name="Members">The videos, best first.</param>
/// <param name="MaxDistance">The largest fingerprint distance between linked members (0–64).</param>
public sealed record NearDuplicateGroup(IReadOnlyList<CatalogRecord> Members, double MaxDistance)
{
    /// <summary>Highest resolution, then bitrate, then the more efficient codec.</summary>
    public CatalogRecord Best => Members[0];

    /// <summary>Bytes freed by keeping only the best.</summary>
    public long ReclaimableBytes => Members.Skip(1).Sum(m => m.Size);
}

/// <summary>A smaller file whose first bytes are those of a larger file of the same name stem.</summary>
/// <param name="Partial">The probable incomplete copy.</param>
/// <param name="Complete">The larger file it starts like.</param>
public sealed record PartialCopy(CatalogRecord Partial, CatalogRecord Complete);
