using System.Threading.Channels;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Common.Ingest;

/// <summary>
/// Applies batches to the catalog: per-record validation (bad records are reported, the rest
/// stored), merge with what is stored, idempotency by batch id. One writer thread applies them
/// (LiteDB has a single writer); batches that queue up while it writes are applied together in
/// one transaction ("group commit": measured 2x the records/s of one transaction per batch).
/// A batch is acknowledged only after its transaction committed.
/// </summary>
public sealed class IngestProcessor : IDisposable
{
    private const int MaxRecordsPerTransaction = 20_000;
    private readonly CatalogStore _catalog;
    private readonly TimeProvider _clock;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(256) { SingleReader = true });
    private readonly Task _writer;

    /// <summary>Starts the writer thread.</summary>
    public IngestProcessor(CatalogStore catalog, TimeProvider clock)
    {
        _catalog = catalog;
        _clock = clock;
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Applies <paramref name="batch"/>; <paramref name="fallbackAgent"/> names the sender when
    /// the batch does not (the earlier agent sends no name: its address is used).</summary>
    public async Task<IngestAck> ApplyAsync(IngestBatch batch, string fallbackAgent, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(batch, fallbackAgent, new TaskCompletionSource<IngestAck>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Done.Task.ConfigureAwait(false);
    }

    /// <summary>Stops taking batches and lets the writer finish those queued.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
    }

    private void WriteLoop()
    {
        var group = new List<Pending>();
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            group.Clear();
            int records = 0;
            while (records < MaxRecordsPerTransaction && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                records += next.Batch.Files.Count;
            }
            try
            {
                var acks = ApplyGroup(group);
                for (int i = 0; i < group.Count; i++)
                {
                    group[i].Done.SetResult(acks[i]);
                }
            }
            catch (Exception e)
            {
                // Nothing of the group was committed: every sender gets the error and may re-send.
                foreach (var p in group)
                {
                    p.Done.TrySetException(e);
                }
            }
        }
    }

    private List<IngestAck> ApplyGroup(List<Pending> group)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var acks = new List<IngestAck>(group.Count);
        var receipts = new List<BatchReceipt>();
        var appliedHere = new Dictionary<string, IngestAck>(StringComparer.Ordinal);
        // Later records of one path win, as if batches were applied one by one in arrival order.
        var merged = new Dictionary<string, CatalogRecord>(StringComparer.Ordinal);
        var agents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (batch, fallbackAgent, _) in group)
        {
            var agent = string.IsNullOrWhiteSpace(batch.Agent) ? fallbackAgent : batch.Agent.Trim();
            agents[agent] = fallbackAgent;
            if (batch.BatchId.Length > 0)
            {
                if (appliedHere.TryGetValue(batch.BatchId, out var sameGroup))
                {
                    acks.Add(new IngestAck { BatchId = batch.BatchId, Processed = sameGroup.Processed, Duplicate = true });
                    continue;
                }
                if (_catalog.FindBatch(batch.BatchId) is { } seen)
                {
                    acks.Add(new IngestAck { BatchId = batch.BatchId, Processed = seen.Processed, Duplicate = true });
                    continue;
                }
            }
            var ack = new IngestAck { BatchId = batch.BatchId };
            foreach (var incoming in batch.Files)
            {
                if (RecordValidator.Problem(incoming) is { } problem)
                {
                    ack.Errors.Add(new RecordError { Path = incoming.Path.Replace('\0', '\uFFFD'), Reason = problem });
                    continue;
                }
                if (!CatalogKey.Fits(agent, incoming.Path))
                {
                    ack.Errors.Add(new RecordError { Path = incoming.Path, Reason = CatalogKey.TooLongReason });
                    continue;
                }
                var key = CatalogKey.Of(agent, incoming.Path);
                var existing = merged.GetValueOrDefault(key) ?? _catalog.Find(agent, incoming.Path);
                merged[key] = RecordMapper.Merge(existing, incoming, agent, now);
                ack.Processed++;
            }
            acks.Add(ack);
            if (batch.BatchId.Length > 0)
            {
                appliedHere[batch.BatchId] = ack;
                receipts.Add(new BatchReceipt(batch.BatchId, agent, ack.Processed, ack.Errors.Count, now));
            }
        }
        _catalog.Upsert(merged.Values, receipts);
        foreach (var (agent, address) in agents)
        {
            _catalog.TouchAgent(agent, address, now);
        }
        return acks;
    }

    private sealed record Pending(IngestBatch Batch, string FallbackAgent, TaskCompletionSource<IngestAck> Done);
}
