namespace MediaLibrary.Agent.Work;

/// <summary>
/// Drains the outbox to the host: oldest first, an entry removed only when the host acknowledged
/// its batch id. While the host is away it retries with exponential backoff and jitter; batch ids
/// are stable, so a batch that was applied but whose ack was lost is only acknowledged again.
/// </summary>
public sealed class OutboxSender(AgentCache cache, HostLink link, AgentStats stats, AgentOptions options) : IDisposable
{
    private const int EntriesPerSend = 16;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Backoff _backoff = new(options.BaseBackoff, options.MaxBackoff);

    /// <inheritdoc/>
    public void Dispose() => _wake.Dispose();

    /// <summary>Something was queued: send soon.</summary>
    public void Signal()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Sends until the outbox is empty, waiting out the host's absence.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var entries = cache.Store.OutboxPeek(EntriesPerSend);
            if (entries.Count == 0)
            {
                return;
            }
            try
            {
                var acks = await link.SendAsync(entries, ct).ConfigureAwait(false);
                foreach (var (entry, ack) in entries.Zip(acks))
                {
                    if (ack.BatchId != entry.BatchId)
                    {
                        throw new InvalidOperationException($"the host acknowledged {ack.BatchId} for {entry.BatchId}");
                    }
                    cache.Store.OutboxRemove(entry.Sequence);
                    stats.AddUploaded(ack.Processed, entry.Payload.Length);
                }
                if (acks.Count < entries.Count)
                {
                    throw new IOException("the host closed the stream before acknowledging every batch");
                }
                _backoff.Reset();
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                stats.AddError("sending to the host: " + e.Message);
                link.Reset();
                await Task.Delay(_backoff.Next(), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Drains whenever signalled (and every few seconds), until stopped.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await DrainAsync(ct).ConfigureAwait(false);
            await _wake.WaitAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
        }
    }
}
