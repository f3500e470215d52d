using Google.Protobuf;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Ingest;
using MediaLibrary.Common.Probing;

namespace MediaLibrary.Agent.Work;

/// <summary>
/// Pass 2: ffprobe the cached videos that have no metadata yet (new or changed since their last
/// probe), a chunk at a time in path order with bounded concurrency, no hashing. Each chunk's
/// metadata goes into the cache and the outbox together, and the pass's cursor moves past it.
/// </summary>
public sealed class ProbePass(CatalogStore cache, VideoDescriber describer, string agent, AgentStats stats, Action queued)
{
    /// <summary>Probes under <paramref name="root"/>, resuming after its cursor; clears it when done.</summary>
    public async Task RunAsync(string root, int batchSize, int workers, CancellationToken ct)
    {
        var after = cache.Cursor(root, 2);
        var chunk = new List<CatalogRecord>(batchSize);
        foreach (var record in cache.StreamUnder(agent, root, after, 2000))
        {
            ct.ThrowIfCancellationRequested();
            if (record.Kind != Common.Classification.FileKind.Video || record.Gone || record.Error is not null)
            {
                continue;
            }
            stats.AddSeenVideo();
            if (!describer.Wants(record))
            {
                continue; // probed (and fingerprinted when asked), unchanged since: a change clears both in pass 1
            }
            chunk.Add(record);
            if (chunk.Count >= batchSize)
            {
                await ProbeChunkAsync(root, chunk, workers, ct).ConfigureAwait(false);
                chunk.Clear();
            }
        }
        await ProbeChunkAsync(root, chunk, workers, ct).ConfigureAwait(false);
        cache.SaveCursor(root, 2, null);
    }

    private static IEnumerable<(List<CatalogRecord> Records, List<Contracts.V1.FileRecord> Files)> BySize(List<CatalogRecord> records,
        List<Contracts.V1.FileRecord> files, int maxBytes)
    {
        var r = new List<CatalogRecord>();
        var f = new List<Contracts.V1.FileRecord>();
        int bytes = 0;
        for (int i = 0; i < records.Count; i++)
        {
            int size = files[i].CalculateSize();
            if (f.Count > 0 && bytes + size > maxBytes)
            {
                yield return (r, f);
                (r, f, bytes) = ([], [], 0);
            }
            r.Add(records[i]);
            f.Add(files[i]);
            bytes += size;
        }
        if (f.Count > 0)
        {
            yield return (r, f);
        }
    }

    private async Task ProbeChunkAsync(string root, List<CatalogRecord> chunk, int workers, CancellationToken ct)
    {
        if (chunk.Count == 0)
        {
            return;
        }
        var updated = await describer.DescribeAsync(chunk, workers, ct).ConfigureAwait(false);
        stats.Probes = describer.Probes;
        // Pass-2 records carry only what pass 2 adds: identity and metadata, no hashes.
        var files = updated.Select(r =>
        {
            var f = RecordMapper.ToFileRecord(r);
            f.Hashes = null;
            return f;
        }).ToList();
        // Entries of at most ~4 MB: a LiteDB document holds 16 MB, and a host's message limit applies.
        foreach (var (records, batch) in BySize(updated, files, 4 * 1024 * 1024))
        {
            cache.Upsert(records, null, id => AgentScanTarget.Batch(id, agent, batch).ToByteArray());
        }
        cache.SaveCursor(root, 2, chunk[^1].Path);
        if (files.Count > 0)
        {
            queued();
        }
    }
}
