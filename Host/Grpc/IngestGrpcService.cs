using System.Threading.Channels;
using Grpc.Core;
using MediaLibrary.Common.Ingest;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Host.Grpc;

/// <summary>Thin gRPC face of <see cref="IngestProcessor"/> and <see cref="ConfigService"/>.</summary>
public sealed class IngestGrpcService(IngestProcessor processor, ConfigService config) : Ingest.IngestBase
{
    /// <inheritdoc />
    public override Task<IngestAck> PostBatch(IngestBatch request, ServerCallContext context) =>
        processor.ApplyAsync(request, Peer(context), context.CancellationToken);

    /// <inheritdoc />
    public override async Task StreamBatches(IAsyncStreamReader<IngestBatch> requestStream, IServerStreamWriter<IngestAck> responseStream, ServerCallContext context)
    {
        var peer = Peer(context);
        // Batches are queued as they arrive (so the writer can commit several at once) while acks
        // go back in order, each only after its transaction committed; a client that waits for
        // each ack before sending on is answered as soon as its batch is stored.
        var inFlight = Channel.CreateBounded<Task<IngestAck>>(MaxInFlight);
        var acks = Task.Run(async () =>
        {
            await foreach (var pending in inFlight.Reader.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(await pending, context.CancellationToken);
            }
        });
        try
        {
            await foreach (var batch in requestStream.ReadAllAsync(context.CancellationToken))
            {
                await inFlight.Writer.WriteAsync(processor.ApplyAsync(batch, peer, context.CancellationToken), context.CancellationToken);
            }
        }
        finally
        {
            inFlight.Writer.TryComplete();
        }
        await acks;
    }

    private const int MaxInFlight = 16;

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
