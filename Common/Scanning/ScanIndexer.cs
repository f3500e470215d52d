using System.Diagnostics;
using System.Threading.Channels;
using LiteDB;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Classification;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Identity;
using MediaLibrary.Common.Walking;

namespace MediaLibrary.Common.Scanning;

/// <summary>
/// Indexes roots into the catalog. The walk and the catalog's records under a root come in the same
/// order, so one merge pass tells new, changed, unchanged and gone files apart while holding neither
/// side in memory. Unchanged files (same device, inode, size, mtime, ctime and hash parameters) are
/// neither read nor rewritten; the rest are hashed by worker threads and written in bulk
/// transactions by a single writer.
/// </summary>
public sealed class ScanIndexer(IScanTarget catalog, ScanOptions options)
{
    private const int MaxKeptErrors = 1000;
    private readonly Classifier _classifier = new(options.Classifier);
    private readonly List<ScanError> _errors = [];

    /// <summary>Live tallies.</summary>
    public ScanProgress Progress { get; } = new();

    /// <summary>What hashing read.</summary>
    public HashCounters Hashing { get; } = new();

    /// <summary>Called, from any thread, for each path that could not be indexed.</summary>
    public Action<ScanError>? OnError { get; init; }

    /// <summary>Runs just before a file is opened for hashing: lets tests change the tree between
    /// listing and reading, which is a race in real life.</summary>
    internal Action<string>? BeforeHash { get; init; }

    /// <summary>Scans each root in turn. Cancelling keeps what was written and marks nothing gone.</summary>
    /// <exception cref="CatalogException">The catalog could not be written.</exception>
    public async Task<ScanResult> RunAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        var started = options.Clock.GetTimestamp();
        var hasher = new FileHasher(options.Hashing.Validate(), Hashing, options.Walk.FollowSymlinks);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Channel.CreateBounded<HashJob>(new BoundedChannelOptions(options.Workers * 64) { SingleWriter = true });
        var writes = Channel.CreateBounded<CatalogRecord>(new BoundedChannelOptions(options.WriteBatchSize * 2) { SingleReader = true });

        var writer = Task.Run(() => WriteLoop(writes, failed));
        var workers = Enumerable.Range(0, Math.Max(1, options.Workers))
            .Select(_ => Task.Run(() => HashLoop(work.Reader, writes.Writer, hasher, failed.Token)))
            .ToArray();
        bool cancelled = false;
        Exception? walkFailure = null;
        try
        {
            await Task.Factory.StartNew(
                () =>
                {
                    long t0 = Stopwatch.GetTimestamp();
                    try
                    {
                        WalkRoots(roots, work.Writer, writes.Writer, failed.Token);
                    }
                    finally
                    {
                        Progress.AddWalkTime(Stopwatch.GetElapsedTime(t0));
                    }
                },
                failed.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
        }
        catch (Exception e)
        {
            // Reading the catalog failed mid-walk: stop, but still commit what was hashed.
            walkFailure = e;
        }
        finally
        {
            work.Writer.TryComplete();
        }
        await Task.WhenAll(workers).ConfigureAwait(false);
        writes.Writer.TryComplete();
        await writer.ConfigureAwait(false);
        if (walkFailure is not null)
        {
            throw walkFailure as CatalogException
                ?? new CatalogException($"cannot read catalog {catalog.Path}: {walkFailure.Message}", walkFailure);
        }

        List<ScanError> errors;
        lock (_errors)
        {
            errors = [.. _errors];
        }
        return new ScanResult(Progress, Hashing, errors, options.Clock.GetElapsedTime(started), cancelled);
    }

    private void WalkRoots(IReadOnlyList<string> roots, ChannelWriter<HashJob> work, ChannelWriter<CatalogRecord> writes, CancellationToken ct)
    {
        var walker = new FileWalker(options.Walk);
        foreach (var root in DistinctRoots(roots))
        {
            if (!CatalogKey.Fits(options.Source, root))
            {
                Report(root, CatalogKey.TooLongReason);
                continue;
            }
            var now = options.Clock.GetUtcNow().UtcDateTime;
            var scan = catalog.FindRoot(options.Source, root)
                ?? new RootScan { Id = CatalogKey.Of(options.Source, root), Source = options.Source, Root = root };
            scan.LastStarted = now;
            scan.LastCompleted = null;
            catalog.SaveRoot(scan);

            long files = Progress.Files, bytes = Progress.Bytes;
            if (!MergeRoot(walker, root, now, work, writes, ct))
            {
                continue;
            }
            scan.LastCompleted = options.Clock.GetUtcNow().UtcDateTime;
            scan.Files = Progress.Files - files;
            scan.Bytes = Progress.Bytes - bytes;
            catalog.SaveRoot(scan);
        }
    }

    /// <summary>Normalized roots, without repeats or roots inside another given root (each path is
    /// walked once, so a record is never both "new" and "stored" in one scan).</summary>
    public static List<string> DistinctRoots(IEnumerable<string> roots)
    {
        var normalized = roots.Select(FileWalker.NormalizeRoot).Distinct(StringComparer.Ordinal).ToList();
        return normalized.Where(r => !normalized.Any(o => o != r && WalkOrder.IsUnder(r, o))).ToList();
    }

    /// <returns>False when the root itself could not be read (nothing under it is marked gone).</returns>
    private bool MergeRoot(FileWalker walker, string root, DateTime now, ChannelWriter<HashJob> work, ChannelWriter<CatalogRecord> writes, CancellationToken ct)
    {
        var after = options.ResumeAfter.GetValueOrDefault(root);
        using var stored = new Prefetch<CatalogRecord>(catalog.StreamUnder(options.Source, root, after, 2000), 4000);
        bool hasStored = stored.TryNext(out var current);
        string? keepPrefix = null;
        _lastWalked = after;

        foreach (var entry in walker.Walk(root, after))
        {
            ct.ThrowIfCancellationRequested();
            Progress.CurrentPath = entry.Path;
            while (hasStored && string.CompareOrdinal(current.Path, entry.Path) < 0)
            {
                Unvisited(current, keepPrefix, now, writes, ct);
                hasStored = stored.TryNext(out current);
            }
            CatalogRecord? previous = null;
            if (hasStored && string.Equals(current.Path, entry.Path, StringComparison.Ordinal))
            {
                previous = current;
                hasStored = stored.TryNext(out current);
            }

            switch (entry.Problem)
            {
                case WalkProblem.None:
                    Progress.AddFile(entry.Stat.Size);
                    Visit(entry, previous, now, work, writes, ct);
                    break;
                case WalkProblem.UnreadableDirectory:
                    Report(entry.Path, entry.Reason!);
                    if (string.Equals(entry.Path, root, StringComparison.Ordinal))
                    {
                        return false;
                    }
                    // What the catalog knows under it stays as it is: unreadable is not gone.
                    keepPrefix = entry.Path + "/";
                    break;
                case WalkProblem.Error:
                    Report(entry.Path, entry.Reason!);
                    if (string.Equals(entry.Path, root, StringComparison.Ordinal))
                    {
                        return false;
                    }
                    break;
                default:
                    // A FIFO, device or unfollowed symlink now stands where a file was.
                    Progress.AddSkipped();
                    if (previous is { Gone: false })
                    {
                        MarkGone(previous, now, writes, ct);
                    }
                    break;
            }
            Walked(entry.Path);
        }
        while (hasStored)
        {
            Unvisited(current, keepPrefix, now, writes, ct);
            hasStored = stored.TryNext(out current);
        }
        return true;
    }

    private void Visit(in WalkEntry entry, CatalogRecord? previous, DateTime now, ChannelWriter<HashJob> work, ChannelWriter<CatalogRecord> writes, CancellationToken ct)
    {
        if (!CatalogKey.Fits(options.Source, entry.Path))
        {
            Report(entry.Path, CatalogKey.TooLongReason);
            return;
        }
        var verdict = _classifier.Classify(entry.Path);
        Progress.AddKind(verdict.Kind);
        bool junk = verdict.Kind == FileKind.Junk;
        if (junk)
        {
            Progress.AddJunk();
        }
        var stat = entry.Stat;
        bool sameIdentity = previous is not null && IdentityOf(previous).SameContentIdentity(stat);
        bool hashesReusable = junk || (sameIdentity && previous!.Error is null && previous.SampleHash is not null
            && previous.Algo == options.Hashing.Algorithm && previous.SampleSize == options.Hashing.SampleSize
            && (!options.FullHash || previous.FullHash is not null));

        if (sameIdentity && hashesReusable && !previous!.Gone
            && previous.Kind == verdict.Kind && previous.JunkReason == verdict.JunkReason)
        {
            Progress.AddUnchanged();
            return;
        }

        var record = NewRecord(entry.Path, stat, verdict, previous, now);
        if (sameIdentity && !junk)
        {
            // Same bytes: what was learnt by probing them still holds, even when the hashes are
            // computed again (a full hash now wanted, another algorithm) — no second ffprobe.
            record.Media = previous!.Media;
            record.Fingerprint = previous.Fingerprint;
        }
        if (previous is null)
        {
            Progress.AddNew();
        }
        else
        {
            Progress.AddChanged();
        }
        if (hashesReusable)
        {
            if (!junk && previous is not null)
            {
                record.Algo = previous.Algo;
                record.SampleSize = previous.SampleSize;
                record.SampleHash = previous.SampleHash;
                record.FullHash = previous.FullHash;
            }
            record.WalkSequence = Track();
            Send(writes, record, ct);
            return;
        }
        record.WalkSequence = Track();
        Send(work, new HashJob(record, stat, previous), ct);
    }

    private void Unvisited(CatalogRecord record, string? keepPrefix, DateTime now, ChannelWriter<CatalogRecord> writes, CancellationToken ct)
    {
        if (record.Gone || (keepPrefix is not null && record.Path.StartsWith(keepPrefix, StringComparison.Ordinal)))
        {
            return;
        }
        MarkGone(record, now, writes, ct);
    }

    private void MarkGone(CatalogRecord record, DateTime now, ChannelWriter<CatalogRecord> writes, CancellationToken ct)
    {
        record.Gone = true;
        record.GoneAt = now;
        record.WalkSequence = Track();
        Progress.AddGone();
        Send(writes, record, ct);
    }

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
                var hashes = hasher.Hash(record.Path, job.Stat, options.FullHash, ct);
                Progress.AddHashTime(Stopwatch.GetElapsedTime(t0));
                record.Algo = options.Hashing.Algorithm;
                record.SampleSize = options.Hashing.SampleSize;
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
        catalog.Upsert(batch);
        Complete(batch.Select(r => r.WalkSequence));
        batch.Clear();
        Progress.AddWriteTime(Stopwatch.GetElapsedTime(t0));
        OnCursor?.Invoke(SafeCursor());
    }

    // Walk positions with work not yet committed, each with the path walked before it: the cursor
    // is the path before the oldest of them (or the last path walked when none is left), so
    // everything up to the cursor is stored even though workers finish out of order.
    private readonly SortedDictionary<long, string?> _pending = [];
    private readonly Lock _pendingGate = new();
    private long _sequence;
    private string? _lastWalked;

    /// <summary>Called by the writer after each commit with the path up to which the walk is safely
    /// stored (null when nothing is yet): what an agent saves to resume after a kill.</summary>
    public Action<string?>? OnCursor { get; init; }

    private long Track()
    {
        if (OnCursor is null)
        {
            return 0; // nobody saves a cursor (mlm scan): no bookkeeping per record
        }
        lock (_pendingGate)
        {
            long seq = ++_sequence;
            _pending[seq] = _lastWalked;
            return seq;
        }
    }

    private void Walked(string path)
    {
        if (OnCursor is null)
        {
            return;
        }
        lock (_pendingGate)
        {
            _lastWalked = path;
        }
    }

    private void Complete(IEnumerable<long> sequences)
    {
        if (OnCursor is null)
        {
            return;
        }
        lock (_pendingGate)
        {
            foreach (var seq in sequences)
            {
                _pending.Remove(seq);
            }
        }
    }

    private string? SafeCursor()
    {
        lock (_pendingGate)
        {
            return _pending.Count == 0 ? _lastWalked : _pending.First().Value;
        }
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
        var batch = new List<CatalogRecord>(options.WriteBatchSize);
        long batchStarted = 0;
        try
        {
            while (true)
            {
                if (!channel.Reader.TryRead(out var record))
                {
                    var wait = channel.Reader.WaitToReadAsync().AsTask();
                    if (batch.Count > 0 && options.FlushInterval is { } interval)
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
                if (batch.Count >= options.WriteBatchSize)
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
            throw new CatalogException($"cannot write catalog {catalog.Path}: {e.Message}", e);
        }
    }

    private CatalogRecord NewRecord(string path, in FileStat stat, in Classification.Classification verdict, CatalogRecord? previous, DateTime now) => new()
    {
        Id = CatalogKey.Of(options.Source, path),
        Source = options.Source,
        Path = path,
        Kind = verdict.Kind,
        Ext = verdict.Extension,
        JunkReason = verdict.JunkReason,
        Size = stat.Size,
        MtimeNs = stat.MtimeNs,
        CtimeNs = stat.CtimeNs,
        Device = unchecked((long)stat.Device),
        Inode = unchecked((long)stat.Inode),
        LinkCount = (int)stat.LinkCount,
        FirstSeen = previous?.FirstSeen ?? now,
        LastSeen = now,
        Stored = previous is not null,
    };

    /// <summary>The identity a record was stored with, to compare with a fresh stat.</summary>
    public static FileStat IdentityOf(CatalogRecord r) =>
        new(FileType.Regular, unchecked((ulong)r.Device), unchecked((ulong)r.Inode), r.Size, r.MtimeNs, r.CtimeNs, (uint)r.LinkCount);

    private void Report(string path, string reason)
    {
        Progress.AddError();
        var error = new ScanError(path, reason);
        lock (_errors)
        {
            if (_errors.Count < MaxKeptErrors)
            {
                _errors.Add(error);
            }
        }
        OnError?.Invoke(error);
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

    private sealed record HashJob(CatalogRecord Record, FileStat Stat, CatalogRecord? Previous);
}
