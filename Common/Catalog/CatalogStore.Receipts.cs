using LiteDB;

namespace MediaLibrary.Common.Catalog;

/// <summary>Batch receipts (an acknowledged batch is applied once) and the agents seen.</summary>
public sealed partial class CatalogStore : IBatchReceipts
{
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
}
