using System.Globalization;
using LiteDB;

namespace MediaLibrary.Common.Catalog;

/// <summary>
/// The LiteDB catalog: file records and root scans, opened by one process at a time (see
/// <see cref="CatalogLock"/>). The same class backs the CLI's embedded catalog and the host's.
/// </summary>
public sealed class CatalogStore : IDisposable, IScanTarget
{
    private const int DuplicateKey = 110; // LiteException.INDEX_DUPLICATE_KEY

    // Ordinal, case-sensitive: Linux paths differ by case, and key order must be the walk's.
    private static readonly Collation OrdinalCollation = new(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal);
    private readonly CatalogLock _lock;
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _files;
    private readonly ILiteCollection<BsonDocument> _roots;
    private readonly ILiteCollection<BsonDocument> _meta;
    private readonly ILiteCollection<BsonDocument> _batches;
    private readonly ILiteCollection<BsonDocument> _agents;
    private readonly ILiteCollection<BsonDocument> _outbox;
    private readonly ILiteCollection<BsonDocument> _cursors;

    private CatalogStore(string path, CatalogLock fileLock, LiteDatabase db)
    {
        Path = path;
        _lock = fileLock;
        _db = db;
        _files = db.GetCollection("files");
        _roots = db.GetCollection("roots");
        _meta = db.GetCollection("meta");
        _batches = db.GetCollection("batches");
        _agents = db.GetCollection("agents");
        _outbox = db.GetCollection("outbox", BsonAutoId.Int64);
        _cursors = db.GetCollection("cursors");
        // No index on size: its keys are random, so every insert dirtied a random index page and
        // writes ran 3-6 times slower (measured: 15k vs 50k records/s). Duplicate search reads the
        // collection sequentially instead (SameSizeGroups).
        _files.DropIndex(CatalogBson.Size);
        _files.EnsureIndex(CatalogBson.Kind, "$." + CatalogBson.Kind);
    }

    /// <summary>The catalog file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the catalog at <paramref name="path"/>, holding its lock.</summary>
    /// <exception cref="CatalogException">Held by another process, or not a readable catalog.</exception>
    public static CatalogStore Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CatalogException($"cannot create the catalog's folder for {path}: {e.Message}", e);
        }
        var fileLock = CatalogLock.Acquire(path);
        try
        {
            EnsureLiteDbFile(path);
            var connection = new ConnectionString
            {
                Filename = path,
                Connection = ConnectionType.Direct,
                Collation = OrdinalCollation,
            };
            return new CatalogStore(path, fileLock, new LiteDatabase(connection));
        }
        catch (CatalogException)
        {
            fileLock.Dispose();
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // LiteDB reports a damaged file with whatever its parser hit (even ArgumentOutOfRange).
            fileLock.Dispose();
            throw new CatalogException($"cannot open catalog {path}: {e.Message}", e);
        }
    }

    /// <summary>The record of (source, path), if any.</summary>
    public CatalogRecord? Find(string source, string path)
    {
        var id = CatalogKey.Of(source, path);
        return MayExist(id) && _files.FindById(id) is { } d ? Read(d) : null;
    }

    // 64-bit digests of every key, loaded on the first lookup by key (the host's ingest path, where
    // most records of a first cycle are new): a miss then costs a hash probe instead of an index
    // descent (measured 15 µs a lookup). Only this process writes, so the set stays exact; a
    // digest collision merely costs the real lookup.
    private HashSet<ulong>? _keys;
    private readonly Lock _keysGate = new();

    private bool MayExist(string id)
    {
        lock (_keysGate)
        {
            _keys ??= [.. _files.Query().Select("$._id").ToEnumerable().Select(d => KeyDigest(d.Values.First().AsString))];
            return _keys.Contains(KeyDigest(id));
        }
    }

    private void Remember(IEnumerable<CatalogRecord> inserted)
    {
        lock (_keysGate)
        {
            if (_keys is null)
            {
                return;
            }
            foreach (var r in inserted)
            {
                _keys.Add(KeyDigest(r.Id));
            }
        }
    }

    private static ulong KeyDigest(string id) => System.IO.Hashing.XxHash3.HashToUInt64(System.Runtime.InteropServices.MemoryMarshal.AsBytes(id.AsSpan()));

    /// <summary>Every record, gone ones included, in key order.</summary>
    public IEnumerable<CatalogRecord> AllRecords() => _files.FindAll().Select(Read);

    /// <summary>Records at or under <paramref name="root"/> of <paramref name="source"/>, in walk order,
    /// read in pages so a long scan never holds a read cursor while others write, nor the whole set.</summary>
    public IEnumerable<CatalogRecord> StreamUnder(string source, string root, int pageSize = 2000) =>
        StreamUnder(source, root, null, pageSize);

    /// <summary>As <see cref="StreamUnder(string, string, int)"/>, starting after the path <paramref name="after"/>.</summary>
    public IEnumerable<CatalogRecord> StreamUnder(string source, string root, string? after, int pageSize)
    {
        var end = CatalogKey.RangeEnd(source, root);
        var from = after is null ? CatalogKey.RangeStart(source, root) : CatalogKey.Of(source, after);
        bool first = after is null;
        while (true)
        {
            var page = _files.Find(Query.Between("_id", from, end), 0, pageSize).ToList();
            foreach (var doc in page)
            {
                var id = doc["_id"].AsString;
                if ((!first && string.Equals(id, from, StringComparison.Ordinal)) || string.CompareOrdinal(id, end) >= 0)
                {
                    continue;
                }
                var record = Read(doc);
                if (Walking.WalkOrder.IsUnder(record.Path, root))
                {
                    yield return record;
                }
            }
            if (page.Count < pageSize)
            {
                yield break;
            }
            from = page[^1]["_id"].AsString;
            first = false;
        }
    }

    /// <summary>Writes records in one transaction: new ones inserted, stored ones replaced (LiteDB's
    /// bulk path; one by one with auto-commit is 20× slower).</summary>
    public void Upsert(IReadOnlyCollection<CatalogRecord> records) => Upsert(records, null);

    /// <summary>Writes records and, in the same transaction, marks the <paramref name="receipts"/>'
    /// batches as applied: a batch is either wholly applied and remembered, or not at all.</summary>
    public void Upsert(IReadOnlyCollection<CatalogRecord> records, IReadOnlyCollection<BatchReceipt>? receipts) =>
        Upsert(records, receipts, null);

    /// <summary>As <see cref="Upsert(IReadOnlyCollection{CatalogRecord}, IReadOnlyCollection{BatchReceipt}?)"/>,
    /// and also queues an outbox entry in the same transaction: <paramref name="outboxPayload"/> gets the
    /// entry's batch id (unique across cache resets) and returns the bytes to send.</summary>
    public void Upsert(IReadOnlyCollection<CatalogRecord> records, IReadOnlyCollection<BatchReceipt>? receipts, Func<string, byte[]>? outboxPayload)
    {
        if (records.Count == 0 && (receipts is null || receipts.Count == 0) && outboxPayload is null)
        {
            return;
        }
        try
        {
            Write(records, insertNew: true, receipts, outboxPayload);
        }
        catch (LiteException e) when (e.ErrorCode == DuplicateKey)
        {
            // A record thought new was already there (overlapping roots): write them all as upserts.
            Write(records, insertNew: false, receipts, outboxPayload);
        }
        Remember(records);
        foreach (var r in records)
        {
            r.Stored = true;
        }
    }

    /// <summary>A random id of this catalog file, made when it was created: batch ids built from it
    /// never repeat after the file is deleted and made anew (a repeat would be taken as a re-send).</summary>
    public string Instance
    {
        get
        {
            if (_meta.FindById("instance") is { } d)
            {
                return d["value"].AsString;
            }
            var id = Guid.NewGuid().ToString("N")[..12];
            _meta.Insert(new BsonDocument { ["_id"] = "instance", ["value"] = id });
            return id;
        }
    }

    /// <summary>The oldest outbox entries, in the order they were queued.</summary>
    public IReadOnlyList<OutboxEntry> OutboxPeek(int max) =>
        _outbox.Find(Query.All(), 0, max).Select(d => new OutboxEntry(d["_id"].AsInt64, d["batch_id"].AsString, d["payload"].AsBinary)).ToList();

    /// <summary>Removes an entry the host acknowledged.</summary>
    public void OutboxRemove(long sequence) => _outbox.Delete(sequence);

    /// <summary>Entries waiting.</summary>
    public int OutboxCount() => _outbox.Count();

    /// <summary>Where a pass over a root stopped ("" or null when it finished or never ran).</summary>
    public string? Cursor(string root, int phase) => _cursors.FindById($"{phase}:{root}")?["path"].AsString;

    /// <summary>Saves (or, with null, clears) a pass's cursor.</summary>
    public void SaveCursor(string root, int phase, string? path)
    {
        if (path is null)
        {
            _cursors.Delete($"{phase}:{root}");
        }
        else
        {
            _cursors.Upsert(new BsonDocument { ["_id"] = $"{phase}:{root}", ["path"] = path, ["at"] = CatalogBson.Millis(DateTime.UtcNow) });
        }
    }

    /// <summary>Rows per collection, for diagnostics.</summary>
    public IReadOnlyDictionary<string, long> RowCounts() => new Dictionary<string, long>
    {
        ["agent_index"] = _files.LongCount(),
        ["outbox"] = _outbox.LongCount(),
        ["scan_progress"] = _cursors.LongCount(),
    };

    /// <summary>A collection of this catalog by name (the organizer's journal).</summary>
    internal ILiteCollection<BsonDocument> Collection(string name) => _db.GetCollection(name);

    /// <summary>Follows a move: the record of <paramref name="from"/> becomes that of <paramref name="to"/>,
    /// hashes and metadata kept, in one transaction. With <paramref name="now"/> (the moved file's stat),
    /// a file whose size and mtime are the record's takes its new identity (a rename changes ctime, a
    /// copy to another file system the device and inode), so the next scan reads nothing.</summary>
    public void Rename(string source, string from, string to, Identity.FileStat? now = null)
    {
        var old = _files.FindById(CatalogKey.Of(source, from));
        if (old is null)
        {
            return;
        }
        if (now is { } stat && old[CatalogBson.Size].AsInt64 == stat.Size && old["mtime_ns"].AsInt64 == stat.MtimeNs)
        {
            old["ctime_ns"] = stat.CtimeNs;
            old["dev"] = unchecked((long)stat.Device);
            old["ino"] = unchecked((long)stat.Inode);
            old["nlink"] = (int)stat.LinkCount;
        }
        _db.BeginTrans();
        try
        {
            _files.Delete(CatalogKey.Of(source, from));
            old["_id"] = CatalogKey.Of(source, to);
            old["path"] = to;
            _files.Upsert(old);
            _meta.Upsert(new BsonDocument { ["_id"] = GenerationKey, ["value"] = Generation + 1 });
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }
        lock (_keysGate)
        {
            _keys?.Add(KeyDigest(CatalogKey.Of(source, to)));
        }
    }

    /// <summary>Rewrites the file without free space.</summary>
    public long Compact() => _db.Rebuild(new LiteDB.Engine.RebuildOptions { Collation = OrdinalCollation });

    /// <summary>The receipt of a batch applied before, if <paramref name="batchId"/> was seen.</summary>
    public BatchReceipt? FindBatch(string batchId) =>
        _batches.FindById(batchId) is { } d
            ? new BatchReceipt(batchId, d["agent"].AsString, d["processed"].AsInt32, d["rejected"].AsInt32, CatalogBson.Time(d["at"]))
            : null;

    /// <summary>Records that an agent was heard from.</summary>
    public void TouchAgent(string agent, string address, DateTime at) =>
        _agents.Upsert(new BsonDocument { ["_id"] = agent, ["address"] = address, ["last_seen"] = CatalogBson.Millis(at) });

    /// <summary>Agents heard from, with their address and when.</summary>
    public IReadOnlyList<(string Agent, string Address, DateTime LastSeen)> Agents() =>
        _agents.FindAll().Select(d => (d["_id"].AsString, d["address"].AsString, CatalogBson.Time(d["last_seen"]))).ToList();

    /// <summary>A document of settings stored under <paramref name="key"/> (config changed through the API).</summary>
    public BsonDocument? Setting(string key) => _meta.FindById("setting:" + key)?["value"].AsDocument;

    /// <summary>Stores settings under <paramref name="key"/>.</summary>
    public void SaveSetting(string key, BsonDocument value) =>
        _meta.Upsert(new BsonDocument { ["_id"] = "setting:" + key, ["value"] = value });

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

    private void Write(IReadOnlyCollection<CatalogRecord> records, bool insertNew, IReadOnlyCollection<BatchReceipt>? receipts, Func<string, byte[]>? outboxPayload)
    {
        _db.BeginTrans();
        try
        {
            if (outboxPayload is not null)
            {
                long seq = (_meta.FindById("outbox_seq")?["value"].AsInt64 ?? 0) + 1;
                _meta.Upsert(new BsonDocument { ["_id"] = "outbox_seq", ["value"] = seq });
                var batchId = $"{Instance}-{seq}";
                _outbox.Insert(new BsonDocument { ["_id"] = seq, ["batch_id"] = batchId, ["payload"] = outboxPayload(batchId) });
            }
            foreach (var receipt in receipts ?? [])
            {
                _batches.Upsert(new BsonDocument
                {
                    ["_id"] = receipt.BatchId, ["agent"] = receipt.Agent, ["processed"] = receipt.Processed,
                    ["rejected"] = receipt.Rejected, ["at"] = CatalogBson.Millis(receipt.At),
                });
            }
            _meta.Upsert(new BsonDocument { ["_id"] = GenerationKey, ["value"] = Generation + 1 });
            if (insertNew)
            {
                _files.Insert(records.Where(r => !r.Stored).Select(CatalogBson.ToDocument));
                foreach (var r in records.Where(r => r.Stored))
                {
                    _files.Upsert(CatalogBson.ToDocument(r));
                }
            }
            else
            {
                _files.Upsert(records.Select(CatalogBson.ToDocument));
            }
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }
    }

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

    /// <summary>The last scan of a root, if any.</summary>
    public RootScan? FindRoot(string source, string root) =>
        _roots.FindById(CatalogKey.Of(source, root)) is { } d ? CatalogBson.ToRootScan(d) : null;

    /// <summary>Saves a root's scan record.</summary>
    public void SaveRoot(RootScan scan) => _roots.Upsert(CatalogBson.ToDocument(scan));

    /// <summary>Releases the database, then the lock.</summary>
    public void Dispose()
    {
        _db.Dispose();
        _lock.Dispose();
    }

    private static CatalogRecord Read(BsonDocument d)
    {
        var r = CatalogBson.ToRecord(d);
        r.Stored = true;
        return r;
    }

    // LiteDB rewrites the header of a file it does not recognise; a wrong --catalog must not
    // damage someone's file, so anything that is not empty and not LiteDB is refused untouched.
    private static void EnsureLiteDbFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length == 0)
        {
            return;
        }
        Span<byte> header = stackalloc byte[64];
        using (var stream = File.OpenRead(path))
        {
            stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        if (!header[32..59].SequenceEqual("** This is a LiteDB file **"u8))
        {
            throw new CatalogException($"cannot open catalog {path}: not a LiteDB catalog (refusing to touch it)");
        }
    }
}
