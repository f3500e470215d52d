using LiteDB;

namespace MediaLibrary.Common.Catalog;

/// <summary>The agent's outbox of batches not yet acknowledged, and its per-root per-phase cursors.</summary>
public sealed partial class CatalogStore : IOutbox
{
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
}
