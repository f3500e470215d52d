using MediaLibrary.Common.Catalog;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Common.Ingest;

/// <summary>
/// Applies batches to the catalog: per-record validation (bad records are reported, the rest
/// stored), merge with what is stored, idempotency by batch id, one transaction per batch. Batches
/// are applied one at a time: LiteDB has a single writer.
/// </summary>
public sealed class IngestProcessor(CatalogStore catalog, TimeProvider clock)
{
    private readonly Lock _gate = new();

    /// <summary>Applies <paramref name="batch"/>; <paramref name="fallbackAgent"/> names the sender when
    /// the batch does not (the earlier agent sends no name: its address is used).</summary>
    public IngestAck Apply(IngestBatch batch, string fallbackAgent)
    {
        var agent = string.IsNullOrWhiteSpace(batch.Agent) ? fallbackAgent : batch.Agent.Trim();
        lock (_gate)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (batch.BatchId.Length > 0 && catalog.FindBatch(batch.BatchId) is { } seen)
            {
                return new IngestAck { BatchId = batch.BatchId, Processed = seen.Processed, Duplicate = true };
            }
            var ack = new IngestAck { BatchId = batch.BatchId };
            // Later records of one path win, as if the batch had been applied record by record.
            var merged = new Dictionary<string, CatalogRecord>(StringComparer.Ordinal);
            foreach (var incoming in batch.Files)
            {
                if (RecordValidator.Problem(incoming) is { } problem)
                {
                    ack.Errors.Add(new RecordError { Path = Printable(incoming.Path), Reason = problem });
                    continue;
                }
                var key = CatalogKey.Of(agent, incoming.Path);
                var existing = merged.GetValueOrDefault(key) ?? catalog.Find(agent, incoming.Path);
                merged[key] = RecordMapper.Merge(existing, incoming, agent, now);
            }
            ack.Processed = merged.Count;
            var receipt = batch.BatchId.Length > 0 ? new BatchReceipt(batch.BatchId, agent, ack.Processed, ack.Errors.Count, now) : null;
            catalog.Upsert(merged.Values, receipt);
            catalog.TouchAgent(agent, fallbackAgent, now);
            return ack;
        }
    }

    private static string Printable(string path) => path.Replace('\0', '\uFFFD');
}
