using Grpc.Core;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Ingest;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Cli.Remote;

/// <summary>
/// Sends a scan's records to a host over one StreamBatches call, waiting for each batch's
/// acknowledgement before the next. The host knows nothing to compare with here, so every file is
/// hashed and sent, and nothing is marked gone (the agent keeps a cache for that).
/// </summary>
public sealed class HostScanTarget(Ingest.IngestClient client, string agent, Action<RecordError> onRejected) : IScanTarget, IDisposable
{
    private AsyncDuplexStreamingCall<IngestBatch, IngestAck>? _call;
    private int _sequence;

    /// <inheritdoc />
    public string Path => "host";

    /// <inheritdoc />
    public IEnumerable<CatalogRecord> StreamUnder(string source, string root, string? after, int pageSize) => [];

    /// <inheritdoc />
    public RootScan? FindRoot(string source, string root) => null;

    /// <inheritdoc />
    public void SaveRoot(RootScan scan)
    {
    }

    /// <inheritdoc />
    public void Upsert(IReadOnlyCollection<CatalogRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }
        _call ??= client.StreamBatches();
        var batch = new IngestBatch { BatchId = $"{agent}-{Environment.ProcessId}-{DateTime.UtcNow.Ticks}-{++_sequence}", Agent = agent };
        batch.Files.AddRange(records.Select(RecordMapper.ToFileRecord));
        _call.RequestStream.WriteAsync(batch).GetAwaiter().GetResult();
        if (!_call.ResponseStream.MoveNext(CancellationToken.None).GetAwaiter().GetResult())
        {
            throw new IOException("the host closed the stream without acknowledging a batch");
        }
        var ack = _call.ResponseStream.Current;
        foreach (var rejected in ack.Errors)
        {
            onRejected(rejected);
        }
    }

    /// <summary>Ends the stream.</summary>
    public void Dispose()
    {
        if (_call is null)
        {
            return;
        }
        try
        {
            _call.RequestStream.CompleteAsync().GetAwaiter().GetResult();
            while (_call.ResponseStream.MoveNext(CancellationToken.None).GetAwaiter().GetResult())
            {
            }
        }
        catch (RpcException)
        {
            // The host went away after acknowledging everything we sent: nothing is lost.
        }
        _call.Dispose();
    }
}
