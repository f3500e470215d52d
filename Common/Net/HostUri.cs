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
        if (!Uri.TryCreate(hasScheme ? value : "http://" + value, UriKind.Absolute, out var uri) || uri.Host.Length == 0
            || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }
        return PortGiven(value, hasScheme) ? uri : new UriBuilder(uri) { Port = defaultPort }.Uri;
    }

    // "nas:9000", "http://nas:80", "[::1]:9000" give a port; "nas", "[::1]", "http://[::1]/" do not.
    private static bool PortGiven(string value, bool hasScheme)
    {
        var authority = hasScheme ? value[(value.IndexOf("://", StringComparison.Ordinal) + 3)..] : value;
        authority = authority.Split('/', 2)[0];
        authority = authority[(authority.LastIndexOf('@') + 1)..];
        var afterHost = authority.StartsWith('[') ? authority[(authority.IndexOf(']', StringComparison.Ordinal) + 1)..] : authority;
        return afterHost.Contains(':', StringComparison.Ordinal);
    }

    /// <summary>http://address:port of a listening endpoint; IPv6 addresses in brackets ([::1]).</summary>
    public static Uri Of(System.Net.IPEndPoint endpoint) => new UriBuilder("http", endpoint.Address.ToString(), endpoint.Port).Uri;
}
