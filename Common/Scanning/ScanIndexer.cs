using System.Diagnostics;
using System.Threading.Channels;
using LiteDB;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Classification;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Identity;

namespace MediaLibrary.Common.Scanning;

/// <summary>
/// Indexes roots into the catalog. The walk and the catalog's records under a root come in the same
/// order, so one merge pass tells new, changed, unchanged and gone files apart while holding neither
/// side in memory. Unchanged files (same device, inode, size, mtime, ctime and hash parameters) are
/// neither read nor rewritten; the rest are hashed by worker threads and written in bulk
/// transactions by a single writer.
/// </summary>
public sealed partial class ScanIndexer
{
    private readonly IScanTarget _target;
    private readonly ScanOptions _options;

    /// <summary>An indexer of roots into <paramref name="target"/>, with <paramref name="options"/>.</summary>
    public ScanIndexer(IScanTarget target, ScanOptions options)
    {
        _target = target;
        _options = options;
        _classifier = new Classifier(_options.Classifier);
    }

    private const int MaxKeptErrors = 1000;
    private readonly Classifier _classifier;
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
        var started = _options.Clock.GetTimestamp();
        var hasher = new FileHasher(_options.Hashing.Validate(), Hashing, _options.Walk.FollowSymlinks);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Channel.CreateBounded<HashJob>(new BoundedChannelOptions(_options.Workers * 64) { SingleWriter = true });
        var writes = Channel.CreateBounded<CatalogRecord>(new BoundedChannelOptions(_options.WriteBatchSize * 2) { SingleReader = true });

        // Not cancelled with the scan: the writer commits what was hashed before it ends.
        var writer = Task.Run(() => WriteLoop(writes, failed), CancellationToken.None);
        var workers = Enumerable.Range(0, Math.Max(1, _options.Workers))
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
                ?? new CatalogException($"cannot read catalog {_target.Path}: {walkFailure.Message}", walkFailure);
        }

        List<ScanError> errors;
        lock (_errors)
        {
            errors = [.. _errors];
        }
        return new ScanResult(Progress, Hashing, errors, _options.Clock.GetElapsedTime(started), cancelled);
    }

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

    private sealed record HashJob(CatalogRecord Record, FileStat Stat, CatalogRecord? Previous);
}
