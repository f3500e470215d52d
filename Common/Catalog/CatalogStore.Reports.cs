using LiteDB;

namespace MediaLibrary.Common.Catalog;

/// <summary>Whole-catalog questions: listings, totals, same-size candidate groups, junk, and cached results keyed by the catalog's generation.</summary>
public sealed partial class CatalogStore : ICatalogReports
{
    /// <summary>Records in key order after <paramref name="afterKey"/>, filtered, at most <paramref name="limit"/>.</summary>
    public List<CatalogRecord> ListFiles(string? kind, string? source, string? contains, bool includeGone, string? afterKey, int limit)
    {
        IEnumerable<BsonDocument> docs = string.IsNullOrEmpty(kind)
            ? _files.Find(Query.GT("_id", afterKey ?? ""))
            : _files.Find(Query.EQ(CatalogBson.Kind, kind)).Where(d => string.CompareOrdinal(d["_id"].AsString, afterKey ?? "") > 0);
        var matches = docs
            .Where(d => includeGone || !d["gone"].AsBoolean)
            .Where(d => string.IsNullOrEmpty(source) || d["source"].AsString == source)
            .Where(d => string.IsNullOrEmpty(contains) || d["path"].AsString.Contains(contains, StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrEmpty(kind))
        {
            // The kind index does not keep key order: sort what matched (one kind's records) by key,
            // and decode only the page's records.
            matches = matches.OrderBy(d => d["_id"].AsString, StringComparer.Ordinal);
        }
        return matches.Take(limit).Select(Read).ToList();
    }

    /// <summary>Files and bytes per kind (present files), gone records, and sources.</summary>
    public CatalogSummary Summary()
    {
        var kinds = new Dictionary<string, (long Files, long Bytes)>(StringComparer.Ordinal);
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        long gone = 0;
        foreach (var d in _files.Query().Select("{k: $.kind, s: $.size, g: $.gone, src: $.source}").ToEnumerable())
        {
            sources.Add(d["src"].AsString);
            if (d["g"].AsBoolean)
            {
                gone++;
                continue;
            }
            var kind = d["k"].AsString;
            var (files, bytes) = kinds.GetValueOrDefault(kind);
            kinds[kind] = (files + 1, bytes + d["s"].AsInt64);
        }
        return new CatalogSummary(kinds, gone, sources.ToList());
    }

    /// <summary>Bumped by every write of file records: a result computed from the records at one
    /// generation (a duplicate report) is still right while the generation is the same.</summary>
    public long Generation => _meta.FindById(GenerationKey)?["value"].AsInt64 ?? 0;

    private const string GenerationKey = "generation";

    /// <summary>A result cached under <paramref name="key"/>, if it was computed at the current generation.</summary>
    public BsonDocument? CachedResult(string key)
    {
        var doc = _meta.FindById("cache:" + key);
        return doc is not null && doc["generation"].AsInt64 == Generation ? doc["value"].AsDocument : null;
    }

    /// <summary>Caches a result computed at the current generation (not itself a change of records).</summary>
    public void CacheResult(string key, BsonDocument value) =>
        _meta.Upsert(new BsonDocument { ["_id"] = "cache:" + key, ["generation"] = Generation, ["value"] = value });

    /// <summary>
    /// Present, hashed, non-junk records of at least <paramref name="minSize"/> bytes that share their
    /// size and sample hash with another, grouped by size, largest first. Two sequential passes: the
    /// first keeps 16 bytes a record (size, and a 64-bit digest of the sample hash) to find the shared
    /// pairs, the second loads only the records of those pairs. Memory follows the candidates, not the
    /// catalog; callers may write once the groups are returned.
    /// </summary>
    public List<List<CatalogRecord>> SameSizeGroups(long minSize)
    {
        var keys = new List<(long Size, ulong Sample)>();
        foreach (var d in _files.Query().Select("{s: $.size, h: $.sample_hash, g: $.gone, k: $.kind, e: $.error}").ToEnumerable())
        {
            if (CandidateKey(d["s"], d["h"], d["g"], d["k"], d["e"], minSize) is { } key)
            {
                keys.Add(key);
            }
        }
        keys.Sort();
        var shared = new HashSet<(long, ulong)>();
        for (int i = 1; i < keys.Count; i++)
        {
            if (keys[i] == keys[i - 1])
            {
                shared.Add(keys[i]);
            }
        }
        keys = [];
        if (shared.Count == 0)
        {
            return [];
        }
        // Only records of a shared size can match: their sample hashes alone are hashed again.
        var sizes = shared.Select(k => k.Item1).ToHashSet();
        return _files.FindAll()
            .Where(d => d[CatalogBson.Size].IsInt64 && sizes.Contains(d[CatalogBson.Size].AsInt64)
                && CandidateKey(d[CatalogBson.Size], d["sample_hash"], d["gone"], d[CatalogBson.Kind], d["error"], minSize) is { } key && shared.Contains(key))
            .Select(Read)
            .GroupBy(r => r.Size)
            .OrderByDescending(g => g.Key)
            .Select(g => g.ToList())
            .ToList();
    }

    private static (long Size, ulong Sample)? CandidateKey(BsonValue size, BsonValue hash, BsonValue gone, BsonValue kind, BsonValue error, long minSize)
    {
        if (!size.IsInt64 || size.AsInt64 < minSize || !hash.IsString || gone.AsBoolean || kind.AsString == Classification.FileKind.Junk || error.IsString)
        {
            return null;
        }
        return (size.AsInt64, System.IO.Hashing.XxHash3.HashToUInt64(System.Runtime.InteropServices.MemoryMarshal.AsBytes(hash.AsString.AsSpan())));
    }

    /// <summary>Present junk files in path order. Only the few fields a listing shows are held for
    /// the sort (the kind index's order is not insertion order), not whole records.</summary>
    public IReadOnlyList<JunkEntry> Junk()
    {
        var junk = _files.Find(Query.EQ(CatalogBson.Kind, Classification.FileKind.Junk))
            .Where(d => !d["gone"].AsBoolean)
            .Select(d => new JunkEntry(d["_id"].AsString, d["path"].AsString, d[CatalogBson.Size].AsInt64, d["ext"].AsString, d["junk_reason"].AsString))
            .ToList();
        junk.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return junk;
    }
}
