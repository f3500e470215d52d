using LiteDB;

namespace MediaLibrary.Common.Catalog;

/// <summary>File records and root scans: find, stream under a root, upsert (with receipts and outbox in one transaction), follow a rename.</summary>
public sealed partial class CatalogStore : IFileRecords
{
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

    private void Write(IReadOnlyCollection<CatalogRecord> records, bool insertNew, IReadOnlyCollection<BatchReceipt>? receipts, Func<string,
        byte[]>? outboxPayload)
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

    /// <summary>The last scan of a root, if any.</summary>
    public RootScan? FindRoot(string source, string root) =>
        _roots.FindById(CatalogKey.Of(source, root)) is { } d ? CatalogBson.ToRootScan(d) : null;

    /// <summary>Saves a root's scan record.</summary>
    public void SaveRoot(RootScan scan) => _roots.Upsert(CatalogBson.ToDocument(scan));

    private static CatalogRecord Read(BsonDocument d)
    {
        var r = CatalogBson.ToRecord(d);
        r.Stored = true;
        return r;
    }
}
