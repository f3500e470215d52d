using MediaLibrary.Common.Catalog;

namespace MediaLibrary.Host;

/// <summary>Where and how the host listens and stores (configuration section "Host", or MLM_Host__*).</summary>
public sealed class HostOptions
{
    /// <summary>Address to bind; loopback unless the operator opens it up on purpose.</summary>
    public string Listen { get; set; } = "127.0.0.1";

    /// <summary>The contract's JSON port (HTTP/1.1). 0 lets the OS choose (tests).</summary>
    public int HttpPort { get; set; } = Common.Net.HostUri.DefaultHttpPort;

    /// <summary>The gRPC port (cleartext HTTP/2; Kestrel cannot serve h2c and HTTP/1.1 on one port).</summary>
    public int GrpcPort { get; set; } = Common.Net.HostUri.DefaultGrpcPort;

    /// <summary>Largest request body accepted, after gzip decompression (bytes).</summary>
    public long MaxBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The host's catalog file (not the CLI's embedded one, which a running mlm may hold).</summary>
    public string Catalog { get; set; } = Path.Combine(Path.GetDirectoryName(CatalogPaths.Default())!, "host.db");
}
