using Google.Protobuf;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Ingest;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Agent.Work;

/// <summary>
/// Pass 1's target: the agent's cache, where each write also queues the changed records as one
/// outbox batch in the same transaction: what is in the cache is in the outbox or at the host,
/// whatever moment the agent is killed at.
/// </summary>
public sealed class AgentScanTarget(CatalogStore cache, string agent, Action queued) : IScanTarget
{
    /// <inheritdoc />
    public string Path => cache.Path;

    /// <inheritdoc />
    public IEnumerable<CatalogRecord> StreamUnder(string source, string root, string? after, int pageSize) =>
        cache.StreamUnder(source, root, after, pageSize);

    /// <inheritdoc />
    public RootScan? FindRoot(string source, string root) => cache.FindRoot(source, root);

    /// <inheritdoc />
    public void SaveRoot(RootScan scan) => cache.SaveRoot(scan);

    /// <inheritdoc />
    public void Upsert(IReadOnlyCollection<CatalogRecord> records)
    {
        // The contract has no "gone" record: a vanished file is only marked in the cache.
        var present = records.Where(r => !r.Gone).Select(RecordMapper.ToFileRecord).ToList();
        cache.Upsert(records, null, present.Count == 0 ? null : batchId => Batch(batchId, agent, present).ToByteArray());
        if (present.Count > 0)
        {
            queued();
        }
    }

    /// <summary>An outbox batch.</summary>
    public static IngestBatch Batch(string batchId, string agent, IEnumerable<FileRecord> files)
    {
        var batch = new IngestBatch { BatchId = batchId, Agent = agent };
        batch.Files.AddRange(files);
        return batch;
    }
}
