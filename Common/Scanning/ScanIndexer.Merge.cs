using System.Threading.Channels;
using LiteDB;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Classification;
using MediaLibrary.Common.Identity;
using MediaLibrary.Common.Walking;

namespace MediaLibrary.Common.Scanning;

/// <summary>The merge of a root's walk with what the catalog holds under it: new, changed, unchanged and gone files told apart in one pass.</summary>
public sealed partial class ScanIndexer
{
    private void WalkRoots(IReadOnlyList<string> roots, ChannelWriter<HashJob> work, ChannelWriter<CatalogRecord> writes, CancellationToken ct)
    {
        var walker = new FileWalker(_options.Walk);
        foreach (var root in DistinctRoots(roots))
        {
            if (!CatalogKey.Fits(_options.Source, root))
            {
                Report(root, CatalogKey.TooLongReason);
                continue;
            }
            var now = _options.Clock.GetUtcNow().UtcDateTime;
            var scan = _target.FindRoot(_options.Source, root)
                ?? new RootScan { Id = CatalogKey.Of(_options.Source, root), Source = _options.Source, Root = root };
            scan.LastStarted = now;
            scan.LastCompleted = null;
            _target.SaveRoot(scan);

            long files = Progress.Files, bytes = Progress.Bytes;
            if (!MergeRoot(walker, root, now, work, writes, ct))
            {
                continue;
            }
            scan.LastCompleted = _options.Clock.GetUtcNow().UtcDateTime;
            scan.Files = Progress.Files - files;
            scan.Bytes = Progress.Bytes - bytes;
            _target.SaveRoot(scan);
        }
    }

    /// <summary>Normalized roots, without repeats or roots inside another given root (each path is
    /// walked once, so a record is never both "new" and "stored" in one scan).</summary>
    public static List<string> DistinctRoots(IEnumerable<string> roots)
    {
        var normalized = roots.Select(FileWalker.NormalizeRoot).Distinct(StringComparer.Ordinal).ToList();
        return normalized.Where(r => !normalized.Any(o => o != r && WalkOrder.IsUnder(r, o))).ToList();
    }

    /// <returns>False when the root itself could not be read (nothing under it is marked gone).</returns>
    private bool MergeRoot(FileWalker walker, string root, DateTime now, ChannelWriter<HashJob> work, ChannelWriter<CatalogRecord> writes, CancellationToken ct)
    {
        var after = _options.ResumeAfter.GetValueOrDefault(root);
        using var stored = new Prefetch<CatalogRecord>(_target.StreamUnder(_options.Source, root, after, 2000), 4000);
        bool hasStored = stored.TryNext(out var current);
        string? keepPrefix = null;
        _lastWalked = after;

        foreach (var entry in walker.Walk(root, after))
        {
            ct.ThrowIfCancellationRequested();
            Progress.CurrentPath = entry.Path;
            while (hasStored && string.CompareOrdinal(current.Path, entry.Path) < 0)
            {
                Unvisited(current, keepPrefix, now, writes, ct);
                hasStored = stored.TryNext(out current);
            }
            CatalogRecord? previous = null;
            if (hasStored && string.Equals(current.Path, entry.Path, StringComparison.Ordinal))
            {
                previous = current;
                hasStored = stored.TryNext(out current);
            }

            switch (entry.Problem)
            {
                case WalkProblem.None:
                    Progress.AddFile(entry.Stat.Size);
                    Visit(entry, previous, now, work, writes, ct);
                    break;
                case WalkProblem.UnreadableDirectory:
                    Report(entry.Path, entry.Reason!);
                    if (string.Equals(entry.Path, root, StringComparison.Ordinal))
                    {
                        return false;
                    }
                    // What the catalog knows under it stays as it is: unreadable is not gone.
                    keepPrefix = entry.Path + "/";
                    break;
                case WalkProblem.Error:
                    Report(entry.Path, entry.Reason!);
                    if (string.Equals(entry.Path, root, StringComparison.Ordinal))
                    {
                        return false;
                    }
                    break;
                default:
                    // A FIFO, device or unfollowed symlink now stands where a file was.
                    Progress.AddSkipped();
                    if (previous is { Gone: false })
                    {
                        MarkGone(previous, now, writes, ct);
                    }
                    break;
            }
            Walked(entry.Path);
        }
        while (hasStored)
        {
            Unvisited(current, keepPrefix, now, writes, ct);
            hasStored = stored.TryNext(out current);
        }
        return true;
    }

    private void Visit(in WalkEntry entry, CatalogRecord? previous, DateTime now, ChannelWriter<HashJob> work, ChannelWriter<CatalogRecord> writes,
        CancellationToken ct)
    {
        if (!CatalogKey.Fits(_options.Source, entry.Path))
        {
            Report(entry.Path, CatalogKey.TooLongReason);
            return;
        }
        var verdict = _classifier.Classify(entry.Path);
        Progress.AddKind(verdict.Kind);
        bool junk = verdict.Kind == FileKind.Junk;
        if (junk)
        {
            Progress.AddJunk();
        }
        var stat = entry.Stat;
        bool sameIdentity = previous is not null && IdentityOf(previous).SameContentIdentity(stat);
        bool hashesReusable = junk || (sameIdentity && previous!.Error is null && previous.SampleHash is not null
            && previous.Algo == _options.Hashing.Algorithm && previous.SampleSize == _options.Hashing.SampleSize
            && (!_options.FullHash || previous.FullHash is not null));

        if (sameIdentity && hashesReusable && !previous!.Gone
            && previous.Kind == verdict.Kind && previous.JunkReason == verdict.JunkReason)
        {
            Progress.AddUnchanged();
            return;
        }

        var record = NewRecord(entry.Path, stat, verdict, previous, now);
        if (sameIdentity && !junk)
        {
            // Same bytes: what was learnt by probing them still holds, even when the hashes are
            // computed again (a full hash now wanted, another algorithm) — no second ffprobe.
            record.Media = previous!.Media;
            record.Fingerprint = previous.Fingerprint;
        }
        if (previous is null)
        {
            Progress.AddNew();
        }
        else
        {
            Progress.AddChanged();
        }
        if (hashesReusable)
        {
            if (!junk && previous is not null)
            {
                record.Algo = previous.Algo;
                record.SampleSize = previous.SampleSize;
                record.SampleHash = previous.SampleHash;
                record.FullHash = previous.FullHash;
            }
            record.WalkSequence = Track();
            Send(writes, record, ct);
            return;
        }
        record.WalkSequence = Track();
        Send(work, new HashJob(record, stat, previous), ct);
    }

    private void Unvisited(CatalogRecord record, string? keepPrefix, DateTime now, ChannelWriter<CatalogRecord> writes, CancellationToken ct)
    {
        if (record.Gone || (keepPrefix is not null && record.Path.StartsWith(keepPrefix, StringComparison.Ordinal)))
        {
            return;
        }
        MarkGone(record, now, writes, ct);
    }

    private void MarkGone(CatalogRecord record, DateTime now, ChannelWriter<CatalogRecord> writes, CancellationToken ct)
    {
        record.Gone = true;
        record.GoneAt = now;
        record.WalkSequence = Track();
        Progress.AddGone();
        Send(writes, record, ct);
    }

    private CatalogRecord NewRecord(string path, in FileStat stat, in Classification.Classification verdict, CatalogRecord? previous, DateTime now) => new()
    {
        Id = CatalogKey.Of(_options.Source, path),
        Source = _options.Source,
        Path = path,
        Kind = verdict.Kind,
        Ext = verdict.Extension,
        JunkReason = verdict.JunkReason,
        Size = stat.Size,
        MtimeNs = stat.MtimeNs,
        CtimeNs = stat.CtimeNs,
        Device = unchecked((long)stat.Device),
        Inode = unchecked((long)stat.Inode),
        LinkCount = (int)stat.LinkCount,
        FirstSeen = previous?.FirstSeen ?? now,
        LastSeen = now,
        Stored = previous is not null,
    };

    /// <summary>The identity a record was stored with, to compare with a fresh stat.</summary>
    public static FileStat IdentityOf(CatalogRecord r) =>
        new(FileType.Regular, unchecked((ulong)r.Device), unchecked((ulong)r.Inode), r.Size, r.MtimeNs, r.CtimeNs, (uint)r.LinkCount);
}
