namespace MediaLibrary.Common.Catalog;

/// <summary>The last scan of one root: when present records under it were last seen.</summary>
public sealed class RootScan
{
    /// <summary><see cref="CatalogKey"/> of (source, root).</summary>
    public string Id { get; set; } = "";

    public string Source { get; set; } = "";

    public string Root { get; set; } = "";

    public DateTime LastStarted { get; set; }

    /// <summary>Null while a scan is under way or when the last one was interrupted.</summary>
    public DateTime? LastCompleted { get; set; }

    public long Files { get; set; }

    public long Bytes { get; set; }
}
