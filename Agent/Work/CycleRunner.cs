using MediaLibrary.Common.Scanning;
using MediaLibrary.Common.Ingest;
using MediaLibrary.Common.Probing;
using MediaLibrary.Common.Walking;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Agent.Work;

/// <summary>
/// One cycle: fetch the host's config (or use the last one while the host is away), pass 1 over
/// every root (classify + hash, no ffprobe), then pass 2 (ffprobe videos, no hashing). Each pass
/// resumes after its cursor, so a killed agent picks up where it stopped.
/// </summary>
public sealed class CycleRunner(AgentCache cache, HostLink link, OutboxSender sender, AgentStats stats, AgentOptions options, TimeProvider clock)
{
    private const string LastConfigKey = "last_config";
    private readonly MediaProber _prober = new(options.ProbeTimeout);
    private readonly VideoFingerprinter _fingerprinter = new(options.ProbeTimeout * 4);

    /// <summary>Runs a cycle.</summary>
    /// <exception cref="InvalidOperationException">No config could be had (host away, never reached).</exception>
    public async Task RunAsync(CancellationToken ct)
    {
        stats.StartCycle();
        IngestConfig config;
        try
        {
            config = await ConfigAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            stats.EndCycle();
            throw;
        }
        var store = cache.Store;
        stats.Roots = [.. config.RemoteRoots];
        stats.Workers = Math.Max(1, config.AgentMaxWorkers);
        stats.BatchSize = Math.Clamp(config.BatchSize, 1, 10_000);
        long probesBefore = _prober.Probes;
        try
        {
            bool fullHash = config.DoFullHash && OffPeak.Contains(config.AgentOffpeakStart, config.AgentOffpeakEnd, clock.GetLocalNow().Hour);
            stats.Phase = 1;
            var roots = UsableRoots(config); // once: a refused root is reported once per cycle
            foreach (var root in roots)
            {
                var scanOptions = new ScanOptions
                {
                    Source = options.Name,
                    Classifier = ConfigMapping.ToClassifierSettings(config),
                    Hashing = ConfigMapping.ToHashParameters(config),
                    Walk = new WalkOptions(config.FollowSymlinks),
                    Workers = stats.Workers,
                    FullHash = fullHash,
                    WriteBatchSize = stats.BatchSize,
                    FlushInterval = TimeSpan.FromSeconds(2),
                    Clock = clock,
                    ResumeAfter = store.Cursor(root, 1) is { } cursor ? new Dictionary<string, string> { [root] = cursor } : new Dictionary<string, string>(),
                };
                var indexer = new ScanIndexer(new AgentScanTarget(store, options.Name, sender.Signal), scanOptions)
                {
                    OnCursor = c =>
                    {
                        if (c is not null)
                        {
                            store.SaveCursor(root, 1, c);
                        }
                    },
                    OnError = e => stats.AddError($"{e.Path}: {e.Reason}"),
                };
                var result = await indexer.RunAsync([root], ct).ConfigureAwait(false);
                stats.AddSeen(result.Progress.Files, result.Progress.Bytes);
                stats.BytesHashed += result.Hashing.BytesRead;
                foreach (var (kind, n) in result.Progress.Kinds)
                {
                    stats.Kinds.AddOrUpdate(kind, n, (_, old) => old + n);
                }
                ct.ThrowIfCancellationRequested();
                store.SaveCursor(root, 1, null);
            }
            stats.Phase = 2;
            // Fingerprints cost ffmpeg decodes: like full hashes, only inside the off-peak window.
            bool offPeak = OffPeak.Contains(config.AgentOffpeakStart, config.AgentOffpeakEnd, clock.GetLocalNow().Hour);
            var probe = new ProbePass(store, new VideoDescriber(_prober, _fingerprinter, offPeak), options.Name, stats, sender.Signal);
            foreach (var root in roots)
            {
                await probe.RunAsync(root, stats.BatchSize, stats.Workers, ct).ConfigureAwait(false);
            }
            stats.Probes = _prober.Probes - probesBefore;
        }
        finally
        {
            stats.EndCycle();
        }
    }

    // Roots must be absolute paths; anything else from the host is reported and skipped.
    private List<string> UsableRoots(IngestConfig config)
    {
        var roots = new List<string>();
        foreach (var root in config.RemoteRoots)
        {
            if (root.Length == 0 || root[0] != '/' || root.Contains('\0', StringComparison.Ordinal))
            {
                stats.AddError($"ignored root '{root.Replace('\0', '?')}': not an absolute path");
                continue;
            }
            roots.Add(root);
        }
        // Normalized, without repeats or roots nested in another (walked, hashed and probed once).
        return ScanIndexer.DistinctRoots(roots);
    }

    private async Task<IngestConfig> ConfigAsync(CancellationToken ct)
    {
        try
        {
            var config = await link.GetConfigAsync(options.Name, ct).ConfigureAwait(false);
            cache.Store.SaveSetting(LastConfigKey, new LiteDB.BsonDocument { ["json"] = Google.Protobuf.JsonFormatter.Default.Format(config) });
            return config;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // The host is away: scan with the last config it gave; the outbox keeps the records.
            if (cache.Store.Setting(LastConfigKey) is { } saved)
            {
                stats.AddError("host unreachable, using its last config: " + e.Message);
                return IngestConfig.Parser.ParseJson(saved["json"].AsString);
            }
            throw new InvalidOperationException($"cannot reach the host at {options.HostHttp} and no config was ever received: {e.Message}", e);
        }
    }
}
