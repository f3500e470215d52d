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
        processor.ApplyAsync(Checked(request), Peer(context), context.CancellationToken);

    // A bad id or agent name would fail the transaction of every batch committed with it.
    private static IngestBatch Checked(IngestBatch batch) =>
        RecordValidator.BatchProblem(batch) is { } problem ? throw new RpcException(new Status(StatusCode.InvalidArgument, problem)) : batch;

    /// <inheritdoc />
    public override async Task StreamBatches(IAsyncStreamReader<IngestBatch> requestStream, IServerStreamWriter<IngestAck> responseStream,
        ServerCallContext context)
    {
        var peer = Peer(context);
        // Batches are queued as they arrive (so the writer can commit several at once) while acks
        // go back in order, each only after its transaction committed; a client that waits for
        // each ack before sending on is answered as soon as its batch is stored.
        var inFlight = Channel.CreateBounded<Task<IngestAck>>(MaxInFlight);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var acks = Task.Run(async () =>
        {
            try
            {
                await foreach (var pending in inFlight.Reader.ReadAllAsync(failed.Token))
                {
                    await responseStream.WriteAsync(await pending, failed.Token);
                }
            }
            catch
            {
                // A batch failed (nothing of its group was stored): end the call so the client
                // sees the error instead of waiting for acks that will never come.
                await failed.CancelAsync();
                throw;
            }
        });
        try
        {
            await foreach (var batch in requestStream.ReadAllAsync(failed.Token))
            {
                await inFlight.Writer.WriteAsync(processor.ApplyAsync(Checked(batch), peer, failed.Token), failed.Token);
            }
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            // the ack task failed: its exception is the one to report
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
