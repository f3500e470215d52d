namespace MediaLibrary.Common.Catalog;

/// <summary>
/// One file of the catalog, keyed by (source, path). Present records reflect the last scan of their
/// root; records of files that disappeared are kept with <see cref="Gone"/> set, so history survives.
/// </summary>
public sealed class CatalogRecord
{
    /// <summary><see cref="CatalogKey"/> of (source, path): sorts by source, then by path in walk order.</summary>
    public string Id { get; set; } = "";

    /// <summary>Who scanned it: "local" for the embedded catalog, the agent's name on a host.</summary>
    public string Source { get; set; } = "";

    /// <summary>Absolute path on the source machine.</summary>
    public string Path { get; set; } = "";

    /// <summary>One of the file kinds.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Lower-case extension with the dot.</summary>
    public string Ext { get; set; } = "";

    /// <summary>For junk: which pattern matched.</summary>
    public string? JunkReason { get; set; }

    public long Size { get; set; }

    public long MtimeNs { get; set; }

    public long CtimeNs { get; set; }

    /// <summary>st_dev (stored as the signed bits of the unsigned value).</summary>
    public long Device { get; set; }

    /// <summary>st_ino (stored as the signed bits of the unsigned value).</summary>
    public long Inode { get; set; }

    public int LinkCount { get; set; }

    /// <summary>Algorithm of both hashes; null when the file was not hashed (junk, unreadable).</summary>
    public string? Algo { get; set; }

    public int SampleSize { get; set; }

    public string? SampleHash { get; set; }

    /// <summary>Whole-file hash, computed when the file was small or a duplicate search needed it.</summary>
    public string? FullHash { get; set; }

    /// <summary>The earlier system's identity string, as an agent sent it (ours is derived from the stat).</summary>
    public string? InodeKey { get; set; }

    /// <summary>ffprobe metadata (videos, pass 2).</summary>
    public MediaInfo? Media { get; set; }

    /// <summary>Perceptual fingerprint (videos, opt-in), kept while the identity is unchanged.</summary>
    public VideoFingerprint? Fingerprint { get; set; }

    /// <summary>Why the file could not be hashed, if it could not.</summary>
    public string? Error { get; set; }

    public DateTime FirstSeen { get; set; }

    /// <summary>When a scan last wrote this record (an unchanged file is not rewritten: its root's
    /// last scan time says when it was last seen).</summary>
    public DateTime LastSeen { get; set; }

    public bool Gone { get; set; }

    public DateTime? GoneAt { get; set; }

    /// <summary>True when read from the catalog (written back as an update, not an insert).</summary>
    internal bool Stored { get; set; }

    /// <summary>Position in the walk that produced this write (0 when not from a walk): how the
    /// scan knows which prefix of the walk is safely committed.</summary>
    internal long WalkSequence { get; set; }
}
