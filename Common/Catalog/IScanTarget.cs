
namespace MediaLibrary.Common.Catalog;

/// <summary>Where a scan's records go, and what it knew before: the embedded catalog, or a host.</summary>
public interface IScanTarget
{
    /// <summary>Named in error messages.</summary>
    string Path { get; }

    /// <summary>What is stored at or under <paramref name="root"/> after the path <paramref name="after"/>
    /// (all of it when null), in walk order; nothing, for a target that cannot tell: then every
    /// file is new and nothing is marked gone.</summary>
    IEnumerable<CatalogRecord> StreamUnder(string source, string root, string? after, int pageSize);

    /// <summary>Stores records (new, changed, or marked gone).</summary>
    void Upsert(IReadOnlyCollection<CatalogRecord> records);

    /// <summary>The last scan of a root, if known.</summary>
    RootScan? FindRoot(string source, string root);

    /// <summary>Records a root's scan.</summary>
    void SaveRoot(RootScan scan);
}
