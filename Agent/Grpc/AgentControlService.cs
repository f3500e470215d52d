using Grpc.Core;
using MediaLibrary.Agent.Work;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Agent.Grpc;

/// <summary>Thin face of the agent's state for /agent/*.</summary>
public sealed class AgentControlService(AgentStats stats, AgentCache cache, AgentWorker worker, BrowsePolicy browse) : AgentControl.AgentControlBase
{
    /// <inheritdoc />
    public override Task<AgentOk> Ping(AgentEmpty request, ServerCallContext context) => Task.FromResult(new AgentOk { Ok = true });

    /// <inheritdoc />
    public override Task<Contracts.V1.AgentStats> Stats(AgentEmpty request, ServerCallContext context)
    {
        var summary = stats;
        var elapsed = summary.Elapsed.TotalSeconds;
        var reply = new Contracts.V1.AgentStats
        {
            Ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Active = summary.Active,
            Elapsed = elapsed,
            Seen = summary.Seen,
            Uploaded = summary.Uploaded,
            Batches = summary.Batches,
            RateFilesPerS = elapsed > 0 ? summary.Seen / elapsed : 0,
            DataMib = summary.SeenBytes / 1048576.0,
            Workers = summary.Workers,
            BatchSize = summary.BatchSize,
            SentBytes = summary.SentBytes,
            Errors = summary.Errors,
            Phase = summary.Phase,
            PhaseName = summary.Phase switch { 1 => "hash", 2 => "ffprobe", _ => "idle" },
            SeenVideos = summary.SeenVideos,

            BytesHashed = summary.BytesHashed,
            Probes = summary.Probes,
            Cycles = summary.Cycles,
            LastError = summary.LastError,
        };
        reply.Roots.AddRange(summary.Roots);
        foreach (var kind in Common.Classification.FileKind.All)
        {
            reply.Kinds[kind] = summary.Kinds.GetValueOrDefault(kind);
        }
        var counts = cache.Store.RowCounts();
        reply.OutboxDepth = (int)counts["outbox"];
        reply.TotalAll = counts["agent_index"];
        reply.TotalVideos = summary.Kinds.GetValueOrDefault(Common.Classification.FileKind.Video);
        return Task.FromResult(reply);
    }

    /// <inheritdoc />
    public override Task<ListReply> List(ListRequest request, ServerCallContext context) => Task.FromResult(browse.List(request.Path));

    /// <inheritdoc />
    public override Task<ScanNowReply> ScanNow(AgentEmpty request, ServerCallContext context)
    {
        var reply = new ScanNowReply { Ok = true, Started = worker.TryStartNow(out var why) };
        if (why is not null)
        {
            reply.Message = why;
        }
        return Task.FromResult(reply);
    }

    /// <inheritdoc />
    public override Task<ClearCacheReply> ClearCache(AgentEmpty request, ServerCallContext context)
    {
        var reply = new ClearCacheReply { Ok = true, Cleared = cache.TryClear(stats.Active, out var why) };
        if (why is not null)
        {
            reply.Message = why;
        }
        return Task.FromResult(reply);
    }

    /// <inheritdoc />
    public override Task<CacheInfoReply> CacheInfo(AgentEmpty request, ServerCallContext context)
    {
        var file = new FileInfo(cache.Path);
        var reply = new CacheInfoReply
        {
            Ok = true,
            DbPath = cache.Path,
            Exists = file.Exists,
            SizeBytes = file.Exists ? file.Length : 0,
            SizeMib = file.Exists ? Math.Round(file.Length / 1048576.0, 2) : 0,
            Ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        foreach (var (table, rows) in cache.Store.RowCounts())
        {
            reply.Rows[table] = rows;
        }
        return Task.FromResult(reply);
    }

    /// <inheritdoc />
    public override Task<AgentOk> CompactCache(AgentEmpty request, ServerCallContext context)
    {
        if (stats.Active)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "a scan is running"));
        }
        cache.Store.Compact();
        return Task.FromResult(new AgentOk { Ok = true });
    }
}
