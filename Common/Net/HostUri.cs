namespace MediaLibrary.Common.Net;

/// <summary>Reads a host address as people type it, for the CLI's --host and the agent's HOST.</summary>
public static class HostUri
{
    /// <summary>The host's JSON (HTTP/1.1) port: the earlier system's agents post there.</summary>
    public const int DefaultHttpPort = 8765;

    /// <summary>The host's gRPC (h2c) port.</summary>
    public const int DefaultGrpcPort = 8766;

    /// <summary>"nas" → http://nas:PORT; "nas:9000" → http://nas:9000; a URL as given (its port,
    /// else <paramref name="defaultPort"/>). Null when it is not an http(s) address.</summary>
    public static Uri? Parse(string text, int defaultPort)
    {
        var value = text.Trim();
        bool hasScheme = value.Contains("://", StringComparison.Ordinal);
        if (!Uri.TryCreate(hasScheme ? value : "http://" + value, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }
        bool portGiven = hasScheme ? !uri.IsDefaultPort || value.Contains($":{uri.Port}", StringComparison.Ordinal) : value.Contains(':', StringComparison.Ordinal);
        return portGiven ? uri : new UriBuilder(uri) { Port = defaultPort }.Uri;
    }
}
