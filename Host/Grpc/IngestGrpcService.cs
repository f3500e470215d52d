using Grpc.Core;
using MediaLibrary.Common.Ingest;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Host.Grpc;

/// <summary>Thin gRPC face of <see cref="IngestProcessor"/> and <see cref="ConfigService"/>.</summary>
public sealed class IngestGrpcService(IngestProcessor processor, ConfigService config) : Ingest.IngestBase
{
    /// <inheritdoc />
    public override Task<IngestAck> PostBatch(IngestBatch request, ServerCallContext context) =>
        Task.FromResult(processor.Apply(request, Peer(context)));

    /// <inheritdoc />
    public override async Task StreamBatches(IAsyncStreamReader<IngestBatch> requestStream, IServerStreamWriter<IngestAck> responseStream, ServerCallContext context)
    {
        var peer = Peer(context);
        await foreach (var batch in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(processor.Apply(batch, peer), context.CancellationToken);
        }
    }

    /// <inheritdoc />
    public override Task<IngestConfig> GetConfig(ConfigRequest request, ServerCallContext context) =>
        Task.FromResult(config.Get(request.Agent));

    /// <inheritdoc />
    public override Task<HealthReply> Health(HealthRequest request, ServerCallContext context) =>
        Task.FromResult(new HealthReply { Ok = true });

    // The earlier agent sends no name: its address stands for it.
    private static string Peer(ServerCallContext context) =>
        context.GetHttpContext().Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
