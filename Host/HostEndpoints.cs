using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MediaLibrary.Host;

/// <summary>The two listening sockets, readable after start (ports chosen by the OS when 0 was asked).</summary>
public sealed class HostEndpoints
{
    internal ListenOptions? Http { get; set; }

    internal ListenOptions? Grpc { get; set; }

    /// <summary>http://address:port of the JSON endpoint.</summary>
    public Uri HttpUri => ToUri(Http);

    /// <summary>http://address:port of the gRPC endpoint.</summary>
    public Uri GrpcUri => ToUri(Grpc);

    private static Uri ToUri(ListenOptions? listen) =>
        listen?.IPEndPoint is { } ep ? Common.Net.HostUri.Of(ep) : throw new InvalidOperationException("the host is not listening yet");
}
