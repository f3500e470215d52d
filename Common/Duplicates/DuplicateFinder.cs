using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Identity;
using MediaLibrary.Common.Scanning;

namespace MediaLibrary.Common.Duplicates;

/// <summary>
/// Exact duplicates from the catalog: size, then sample hash, then full hash, the last computed only
/// for candidates that share size and samples (and cached in the catalog). Only agreeing full hashes
/// make a group. Hardlinks count as one identity. Records stream by size, so memory holds one size
/// class at a time, plus the groups found.
/// </summary>
public sealed class DuplicateFinder(CatalogStore catalog, DuplicateOptions options)
{
    private const int WriteBatch = 1000;

    /// <summary>What full hashing read.</summary>
    public HashCounters Hashing { get; } = new();

    /// <summary>Finds the groups; full hashes computed on the way are written back to the catalog.
    /// When no record changed since the last search with the same minimum size, its groups are
    /// reused (an unchanged rescan writes nothing, so "scan, then dupes" stays cheap).</summary>
    public DuplicateReport Find(CancellationToken cancellationToken)
    {
        var cacheKey = $"dupes:min={Math.Max(0, options.MinSize)}:hash={options.HashMissing}";
        if (catalog.CachedResult(cacheKey) is { } cached)
        {
            return new DuplicateReport(DuplicateReportBson.ToGroups(cached), [], 0, 0) { AwaitingFullHash = cached["awaiting"].AsInt32 };
        }
        var report = Compute(cancellationToken);
        // A report with skipped candidates depends on files that changed: never reuse it. Very large
        // reports are not cached (a LiteDB document holds at most 16 MiB).
        if (report.Skipped.Count == 0 && report.FileCount < 50_000)
        {
            var doc = DuplicateReportBson.ToDocument(report.Groups);
            doc["awaiting"] = report.AwaitingFullHash;
            catalog.CacheResult(cacheKey, doc);
        }
        return report;
    }

    private DuplicateReport Compute(CancellationToken cancellationToken)
    {
        var groups = new List<DuplicateGroup>();
        var skipped = new List<ScanError>();
        var updates = new List<CatalogRecord>();
        int awaiting = 0;
        foreach (var sameSize in catalog.SameSizeGroups(Math.Max(0, options.MinSize)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DistinctInodes(sameSize) < 2)
            {
                continue;
            }
            foreach (var sameSample in sameSize.GroupBy(r => (r.Algo, r.SampleSize, r.SampleHash)))
            {
                var candidates = sameSample.ToList();
                if (DistinctInodes(candidates) < 2)
                {
                    continue;
                }
                List<CatalogRecord> hashed;
                if (options.HashMissing)
                {
                    hashed = EnsureFullHashes(candidates, skipped, updates, cancellationToken);
                }
                else
                {
                    hashed = candidates.Where(r => r.FullHash is not null).ToList();
                    awaiting += candidates.Count - hashed.Count;
                }
                foreach (var sameFull in hashed.GroupBy(r => (r.Algo, r.FullHash)))
                {
                    var group = ToGroup(sameFull.ToList());
                    if (group.Identities >= 2)
                    {
                        groups.Add(group);
                    }
                }
            }
            if (updates.Count >= WriteBatch)
            {
                catalog.Upsert(updates);
                updates.Clear();
            }
        }
        catalog.Upsert(updates);
        groups.Sort(static (a, b) =>
            b.ReclaimableBytes != a.ReclaimableBytes ? b.ReclaimableBytes.CompareTo(a.ReclaimableBytes)
            : b.Size != a.Size ? b.Size.CompareTo(a.Size)
            : string.CompareOrdinal(a.Members[0].Path, b.Members[0].Path));
        return new DuplicateReport(groups, skipped, Hashing.FilesHashed, Hashing.BytesRead) { AwaitingFullHash = awaiting };
    }

    /// <summary>Gives every candidate a full hash of its own algorithm, reading each inode at most once
    /// and in parallel; candidates that changed since the scan are left out and reported.</summary>
    private List<CatalogRecord> EnsureFullHashes(List<CatalogRecord> candidates, List<ScanError> skipped, List<CatalogRecord> updates, CancellationToken ct)
    {
        var missing = candidates.Where(r => r.FullHash is null)
            .GroupBy(r => (r.Source, r.Device, r.Inode))
            .Select(g => g.ToList())
            .ToList();
        if (missing.Count == 0)
        {
            return candidates;
        }
        var failed = new HashSet<CatalogRecord>(ReferenceEqualityComparer.Instance);
        var results = new (string? Hash, ScanError? Error)[missing.Count];
        Parallel.For(0, missing.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Workers), CancellationToken = ct }, i =>
        {
            var first = missing[i][0];
            results[i] = HashOne(first, ct);
        });
        for (int i = 0; i < missing.Count; i++)
        {
            foreach (var record in missing[i])
            {
                if (results[i].Hash is { } hash)
                {
                    record.FullHash = hash;
                    updates.Add(record);
                }
                else
                {
                    failed.Add(record);
                    skipped.Add(results[i].Error!.Value with { Path = record.Path });
                }
            }
        }
        return failed.Count == 0 ? candidates : candidates.Where(r => !failed.Contains(r)).ToList();
    }

    private (string? Hash, ScanError? Error) HashOne(CatalogRecord record, CancellationToken ct)
    {
        // Symlinks are followed: the identity check after opening makes sure it is the file scanned.
        var hasher = new FileHasher(new HashParameters(record.Algo!, record.SampleSize), Hashing, followSymlinks: true);
        try
        {
            // The stored identity is what the sample hash describes; a file changed since must be rescanned.
            return (hasher.FullHash(record.Path, ScanIndexer.IdentityOf(record), ct), null);
        }
        catch (StatException e)
        {
            var reason = e.Vanished ? "vanished since the last scan" : e.Reason;
            return (null, new ScanError(record.Path, reason + " (run mlm scan again)"));
        }
        catch (IOException e)
        {
            return (null, new ScanError(record.Path, e.Message));
        }
    }

    private static DuplicateGroup ToGroup(List<CatalogRecord> records)
    {
        records.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        // Inode numbers are per machine: the identity is (source, device, inode).
        var firstPathOfInode = new Dictionary<(string, long, long), string>();
        var members = new List<DuplicateMember>(records.Count);
        foreach (var r in records)
        {
            string? hardlinkOf = firstPathOfInode.TryGetValue((r.Source, r.Device, r.Inode), out var first) ? first : null;
            firstPathOfInode.TryAdd((r.Source, r.Device, r.Inode), r.Path);
            members.Add(new DuplicateMember(r.Source, r.Path, unchecked((ulong)r.Device), unchecked((ulong)r.Inode), hardlinkOf));
        }
        var head = records[0];
        return new DuplicateGroup(head.Size, head.Algo!, head.FullHash!, members, firstPathOfInode.Count);
    }

    private static int DistinctInodes(IEnumerable<CatalogRecord> records) =>
        records.Select(r => (r.Source, r.Device, r.Inode)).Distinct().Take(2).Count();
}
