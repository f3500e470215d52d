using System.Diagnostics;
using System.Threading.Channels;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Identity;

namespace MediaLibrary.Common.Scanning;

/// <summary>Hashing workers and the single writer that stores records in bulk transactions.</summary>
public sealed partial class ScanIndexer
{
    private async Task HashLoop(ChannelReader<HashJob> jobs, ChannelWriter<CatalogRecord> writes, FileHasher hasher, CancellationToken ct)
    {
        await foreach (var job in jobs.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (ct.IsCancellationRequested)
            {
                // Dropped, not done: it stays pending, so the cursor never passes it.
                continue; // drain without work so the walk's bounded writes never block on us
            }
            var record = job.Record;
            try
            {
                BeforeHash?.Invoke(record.Path);
                long t0 = Stopwatch.GetTimestamp();
                var hashes = hasher.Hash(record.Path, job.Stat, _options.FullHash, ct);
                Progress.AddHashTime(Stopwatch.GetElapsedTime(t0));
                record.Algo = _options.Hashing.Algorithm;
                record.SampleSize = _options.Hashing.SampleSize;
                record.SampleHash = hashes.SampleHash;
                record.FullHash = hashes.FullHash;
            }
            catch (StatException e)
            {
                Report(record.Path, e.Reason);
                if (e.Vanished)
                {
                    if (job.Previous is { Gone: false })
                    {
                        job.Previous.Gone = true;
                        job.Previous.GoneAt = record.LastSeen;
                        job.Previous.WalkSequence = record.WalkSequence;
                        Progress.AddGone();
                        await Emit(writes, job.Previous).ConfigureAwait(false);
                    }
                    else
                    {
                        Complete([record.WalkSequence]);
                    }
                    continue;
                }
                // Present but unreadable: keep it visible in the catalog, without (stale) hashes.
                record.Error = e.Reason;
            }
            catch (OperationCanceledException)
            {
                continue; // stays pending: the cursor must not pass an unhashed file
            }
            catch (Exception e)
            {
                // One file's failure (I/O or otherwise) must not stop the workers: the walk would block.
                Report(record.Path, e.Message);
                record.Error = e.Message;
            }
            await Emit(writes, record).ConfigureAwait(false);
        }
    }

    private void Write(List<CatalogRecord> batch)
    {
        long t0 = Stopwatch.GetTimestamp();
        _target.Upsert(batch);
        Complete(batch.Select(r => r.WalkSequence));
        batch.Clear();
        Progress.AddWriteTime(Stopwatch.GetElapsedTime(t0));
        OnCursor?.Invoke(SafeCursor());
    }

    private static async Task Emit(ChannelWriter<CatalogRecord> writes, CatalogRecord record)
    {
        try
        {
            await writes.WriteAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The writer failed; its exception is what the scan reports.
        }
    }

    private async Task WriteLoop(Channel<CatalogRecord> channel, CancellationTokenSource failed)
    {
        var batch = new List<CatalogRecord>(_options.WriteBatchSize);
        long batchStarted = 0;
        try
        {
            while (true)
            {
                if (!channel.Reader.TryRead(out var record))
                {
                    var wait = channel.Reader.WaitToReadAsync().AsTask();
                    if (batch.Count > 0 && _options.FlushInterval is { } interval)
                    {
                        var left = interval - Stopwatch.GetElapsedTime(batchStarted);
                        if (left <= TimeSpan.Zero || await Task.WhenAny(wait, Task.Delay(left)).ConfigureAwait(false) != wait)
                        {
                            Write(batch); // the oldest record has waited long enough
                            continue;
                        }
                    }
                    if (!await wait.ConfigureAwait(false))
                    {
                        break;
                    }
                    continue;
                }
                if (batch.Count == 0)
                {
                    batchStarted = Stopwatch.GetTimestamp();
                }
                batch.Add(record);
                if (batch.Count >= _options.WriteBatchSize)
                {
                    Write(batch);
                }
            }
            Write(batch);
        }
        catch (Exception e)
        {
            // Stop the walk and hashers, then surface the cause; what was committed stays committed.
            await failed.CancelAsync().ConfigureAwait(false);
            channel.Writer.TryComplete();
            throw new CatalogException($"cannot write catalog {_target.Path}: {e.Message}", e);
        }
    }

    private void Send<T>(ChannelWriter<T> writer, T item, CancellationToken ct)
    {
        while (!writer.TryWrite(item))
        {
            long t0 = Stopwatch.GetTimestamp();
            bool open = writer.WaitToWriteAsync(ct).AsTask().GetAwaiter().GetResult();
            Progress.AddWaitTime(Stopwatch.GetElapsedTime(t0));
            if (!open)
            {
                throw new OperationCanceledException(ct);
            }
        }
    }
}
