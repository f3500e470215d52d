using MediaLibrary.Common.Catalog;

namespace MediaLibrary.Common.Duplicates;

/// <summary>Videos that look the same (other container, encode, trim); <see cref="Best"/> is the one to keep.</summary>
/// <param name="Members">The videos, best first.</param>
/// <param name="MaxDistance">The largest fingerprint distance between linked members (0–64).</param>
public sealed record NearDuplicateGroup(IReadOnlyList<CatalogRecord> Members, double MaxDistance)
{
    /// <summary>The copy the one best-copy rule prefers (<see cref="Quality.CopyQuality"/>).</summary>
    public CatalogRecord Best => Members[0];

    /// <summary>Bytes freed by keeping only the best (hardlinks of one file count once, the best's none).</summary>
    public long ReclaimableBytes => Quality.BestCopy.Reclaimable(Best, Members);
}

/// <summary>A smaller file whose first bytes are those of a larger file of the same name stem.</summary>
/// <param name="Partial">The probable incomplete copy.</param>
/// <param name="Complete">The larger file it starts like.</param>
public sealed record PartialCopy(CatalogRecord Partial, CatalogRecord Complete);
