using LiteDB;

namespace MediaLibrary.Common.Catalog;

// The catalog's roles, each a small interface: code that needs one role takes that one, and a
// second catalog engine (the host's PostgreSQL) implements the host's roles.

/// <summary>File records: one per (source, path), with root scans.</summary>
public interface IFileRecords : IScanTarget
{
    /// <summary>The record of a path, gone or not; null when never stored.</summary>
    CatalogRecord? Find(string source, string path);

    /// <summary>Stores records and, in the same transaction, the receipts of the batches they came in.</summary>
    void Upsert(IReadOnlyCollection<CatalogRecord> records, IReadOnlyCollection<BatchReceipt>? receipts);

    /// <summary>A file moved: its record (hashes, metadata) follows it, taking its new identity.</summary>
    void Rename(string source, string from, string to, Identity.FileStat? now = null);
}

/// <summary>Whole-catalog questions the reports ask.</summary>
public interface ICatalogReports
{
    /// <summary>A page of records by key order, filtered.</summary>
    List<CatalogRecord> ListFiles(string? kind, string? source, string? contains, bool includeGone, string? afterKey, int limit);

    /// <summary>Totals per kind and source.</summary>
    CatalogSummary Summary();

    /// <summary>Groups of live records that share a size and sample hash.</summary>
    List<List<CatalogRecord>> SameSizeGroups(long minSize);

    /// <summary>Every live junk record.</summary>
    IReadOnlyList<JunkEntry> Junk();

    /// <summary>Changes whenever records change: cached results are keyed by it.</summary>
    long Generation { get; }
}

/// <summary>Receipts of applied batches, so a re-sent batch is applied once; and the agents seen.</summary>
public interface IBatchReceipts
{
    /// <summary>The receipt of a batch, if it was applied.</summary>
    BatchReceipt? FindBatch(string batchId);

    /// <summary>Notes that an agent was heard from.</summary>
    void TouchAgent(string agent, string address, DateTime at);

    /// <summary>Every agent heard from, with when.</summary>
    IReadOnlyList<(string Agent, string Address, DateTime LastSeen)> Agents();
}

/// <summary>An agent's outbox of batches not yet acknowledged, and its scan cursors.</summary>
public interface IOutbox
{
    /// <summary>The oldest entries.</summary>
    IReadOnlyList<OutboxEntry> OutboxPeek(int max);

    /// <summary>Drops an acknowledged entry.</summary>
    void OutboxRemove(long sequence);

    /// <summary>Entries waiting.</summary>
    int OutboxCount();

    /// <summary>Where a phase's walk of a root stopped last (null: from the start).</summary>
    string? Cursor(string root, int phase);

    /// <summary>Saves (or clears, with null) a phase's cursor for a root.</summary>
    void SaveCursor(string root, int phase, string? path);
}

/// <summary>Settings documents kept in the catalog (the host's config).</summary>
public interface ISettingsStore
{
    /// <summary>The settings stored under a key, or null.</summary>
    BsonDocument? Setting(string key);

    /// <summary>Stores settings under a key.</summary>
    void SaveSetting(string key, BsonDocument value);
}
