using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Classification;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Walking;

namespace MediaLibrary.Common.Scanning;

/// <summary>Everything a scan needs besides the catalog.</summary>
public sealed record ScanOptions
{
    /// <summary>Who the records belong to ("local" in the embedded catalog).</summary>
    public string Source { get; init; } = CatalogKey.LocalSource;

    public ClassifierSettings Classifier { get; init; } = new();

    public HashParameters Hashing { get; init; } = new();

    public WalkOptions Walk { get; init; } = new();

    /// <summary>Hashing threads; the walk never waits on them beyond a bounded queue.</summary>
    public int Workers { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Also compute full hashes of large files (small ones always get one).</summary>
    public bool FullHash { get; init; }

    /// <summary>Records written per catalog transaction.</summary>
    public int WriteBatchSize { get; init; } = 2000;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Per root, the path after which to resume (an interrupted pass's cursor): paths up to
    /// it are neither walked nor compared, and nothing up to it is marked gone.</summary>
    public IReadOnlyDictionary<string, string> ResumeAfter { get; init; } = new Dictionary<string, string>();

    /// <summary>Write a partial batch when its oldest record has waited this long (an agent's
    /// host sees progress during a slow hash); null: only full batches and the last one.</summary>
    public TimeSpan? FlushInterval { get; init; }
}
