using Grpc.Net.Client;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Cli.Remote;

/// <summary>The gRPC clients of one host, over one channel.</summary>
public sealed class HostClients(Uri address) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        MaxReceiveMessageSize = 64 * 1024 * 1024,
        MaxSendMessageSize = 64 * 1024 * 1024,
    });

    /// <summary>Where the host is.</summary>
    public Uri Address { get; } = address;

    public Ingest.IngestClient Ingest => new(_channel);

    public Catalog.CatalogClient Catalog => new(_channel);

    public void Dispose() => _channel.Dispose();
}
