using System.IO.Hashing;
using System.Text;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Classification;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Common.Ingest;

/// <summary>Between the wire's <see cref="FileRecord"/> and the catalog's <see cref="CatalogRecord"/>,
/// with the contract's merge rules: pass 2 never erases hashes, a null full hash never erases one.</summary>
public static class RecordMapper
{
    /// <summary>The catalog record after applying <paramref name="incoming"/> over <paramref name="existing"/>.</summary>
    public static CatalogRecord Merge(CatalogRecord? existing, FileRecord incoming, string source, DateTime now)
    {
        var (device, inode) = IdentityOf(incoming);
        var record = new CatalogRecord
        {
            Id = CatalogKey.Of(source, incoming.Path),
            Source = source,
            Path = incoming.Path,
            Kind = incoming.Kind,
            Ext = incoming.Ext.Length > 0 ? incoming.Ext : Classifier.ExtensionOf(System.IO.Path.GetFileName(incoming.Path)),
            JunkReason = incoming.HasReason && incoming.Reason.Length > 0 ? incoming.Reason : null,
            Size = incoming.Size,
            MtimeNs = ToNanoseconds(incoming.Mtime),
            CtimeNs = ToNanoseconds(incoming.Ctime),
            Device = unchecked((long)device),
            Inode = unchecked((long)inode),
            LinkCount = 1,
            InodeKey = incoming.HasInodeKey && incoming.InodeKey.Length > 0 ? incoming.InodeKey : null,
            FirstSeen = existing?.FirstSeen ?? now,
            LastSeen = now,
            // Stored means "in the file": a record merged earlier in the same transaction is not yet.
            Stored = existing?.Stored ?? false,
        };
        bool sameFile = existing is not null && existing.Size == record.Size && existing.MtimeNs == record.MtimeNs
            && existing.Device == record.Device && existing.Inode == record.Inode;

        if (incoming.Hashes is { } h)
        {
            record.Algo = h.Algo;
            record.SampleSize = (int)Math.Clamp(h.SampleSize, 0, int.MaxValue);
            record.SampleHash = h.SampleHash;
            record.FullHash = h.HasFullHash && h.FullHash.Length > 0 ? h.FullHash
                : sameFile && existing!.Algo == h.Algo ? existing.FullHash : null;
        }
        else if (existing is not null && (sameFile || incoming.Metadata is not null))
        {
            // Pass 2 (metadata only) never erases pass 1's hashes (the contract; the earlier agent's
            // pass-2 records may lack the inode key); other records without hashes keep them only
            // for the same file: a changed, now unreadable file must not keep its old digests.
            record.Algo = existing.Algo;
            record.SampleSize = existing.SampleSize;
            record.SampleHash = existing.SampleHash;
            record.FullHash = existing.FullHash;
        }
        record.Media = incoming.Metadata is { } m ? ToMediaInfo(m) : sameFile ? existing!.Media : null;
        // frame_hashes: the pHashes of the frames, then their difference hashes.
        record.Fingerprint = incoming.Metadata is { FrameHashes.Count: 2 * Catalog.VideoFingerprint.FrameCount } fm
            ? new Catalog.VideoFingerprint(fm.Duration, [.. fm.FrameHashes.Take(Catalog.VideoFingerprint.FrameCount)],
                [.. fm.FrameHashes.Skip(Catalog.VideoFingerprint.FrameCount)])
            : sameFile ? existing!.Fingerprint : null;
        return record;
    }

    /// <summary>The wire form of a catalog record (what our CLI and agent send).</summary>
    public static FileRecord ToFileRecord(CatalogRecord r)
    {
        var f = new FileRecord
        {
            Kind = r.Kind,
            Path = r.Path,
            Size = r.Size,
            Mtime = r.MtimeNs / 1e9,
            Ctime = r.CtimeNs / 1e9,
            Ext = r.Ext,
        };
        if (r.Kind == FileKind.Junk)
        {
            f.Reason = r.JunkReason ?? "";
        }
        else
        {
            f.InodeKey = r.InodeKey
                ?? $"{r.Size}:{r.MtimeNs / 1_000_000_000}:{r.CtimeNs / 1_000_000_000}:{unchecked((ulong)r.Inode)}:{unchecked((ulong)r.Device)}";
        }
        if (r.SampleHash is not null && r.Algo is not null)
        {
            f.Hashes = new FileHashes { Algo = r.Algo, SampleSize = r.SampleSize, SampleHash = r.SampleHash };
            if (r.FullHash is not null)
            {
                f.Hashes.FullHash = r.FullHash;
            }
        }
        if (r.Media is { } m)
        {
            f.Metadata = ToMetadata(m);
            if (r.Fingerprint is { } fp)
            {
                f.Metadata.FrameHashes.AddRange(fp.Frames);
                f.Metadata.FrameHashes.AddRange(fp.Gradients);
            }
        }
        return f;
    }

    /// <summary>Catalog metadata from the wire.</summary>
    public static MediaInfo ToMediaInfo(MediaMetadata m) => new()
    {
        Duration = m.Duration,
        Container = m.Container,
        VideoCodec = m.VideoCodec,
        AudioCodecs = [.. m.AudioCodecs],
        Width = m.Width,
        Height = m.Height,
        Bitrate = m.Bitrate,
        FrameRate = m.FrameRate,
        BitDepth = m.BitDepth,
        Hdr = m.Hdr,
        AudioLanguages = [.. m.AudioLanguages],
        SubtitleLanguages = [.. m.SubtitleLanguages],
        StreamsJson = m.StreamsJson,
        ProbeError = m.ProbeError,
    };

    /// <summary>Wire metadata from the catalog.</summary>
    public static MediaMetadata ToMetadata(MediaInfo m)
    {
        var w = new MediaMetadata
        {
            Duration = m.Duration,
            Container = m.Container,
            VideoCodec = m.VideoCodec,
            Width = m.Width,
            Height = m.Height,
            Bitrate = m.Bitrate,
            FrameRate = m.FrameRate,
            BitDepth = m.BitDepth,
            Hdr = m.Hdr,
            StreamsJson = m.StreamsJson,
            ProbeError = m.ProbeError,
        };
        w.AudioCodecs.AddRange(m.AudioCodecs);
        w.AudioLanguages.AddRange(m.AudioLanguages);
        w.SubtitleLanguages.AddRange(m.SubtitleLanguages);
        return w;
    }

    /// <summary>Device and inode from the inode key; without one (junk, or an agent that sent none),
    /// a per-path stand-in so distinct files never look like hardlinks of each other.</summary>
    private static (ulong Device, ulong Inode) IdentityOf(FileRecord r)
    {
        if (r.HasInodeKey && InodeKey.TryParse(r.InodeKey, out var inode, out var device))
        {
            return (device, inode);
        }
        return (ulong.MaxValue, XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(r.Path)));
    }

    private static long ToNanoseconds(double seconds) =>
        (long)Math.Clamp(Math.Round(seconds * 1e9), long.MinValue / 2, long.MaxValue / 2);
}
