namespace MediaLibrary.Cli.Remote;

/// <summary>Reads what a user types for --host: "nas", "nas:9000", "http://nas:9000".</summary>
public static class HostAddress
{
    /// <summary>The host's default gRPC port.</summary>
    public const int DefaultGrpcPort = 8766;

    /// <summary>The gRPC address, or null with <paramref name="error"/> set.</summary>
    public static Uri? Parse(string text, out string? error)
    {
        error = null;
        var value = text.Trim();
        if (!value.Contains("://", StringComparison.Ordinal))
        {
            value = "http://" + value;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            error = $"--host: '{text}' is not a host address (examples: nas, 192.168.1.5:8766, http://nas:8766)";
            return null;
        }
        return uri.IsDefaultPort && !text.Contains(":" + uri.Port, StringComparison.Ordinal)
            ? new UriBuilder(uri) { Port = DefaultGrpcPort }.Uri
            : uri;
    }
}
