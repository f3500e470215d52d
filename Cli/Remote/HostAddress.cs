namespace MediaLibrary.Cli.Remote;

/// <summary>Reads what a user types for --host: "nas", "nas:9000", "http://nas:9000".</summary>
public static class HostAddress
{
    /// <summary>The gRPC address, or null with <paramref name="error"/> set.</summary>
    public static Uri? Parse(string text, out string? error)
    {
        var uri = Common.Net.HostUri.Parse(text, Common.Net.HostUri.DefaultGrpcPort);
        error = uri is null ? $"--host: '{text}' is not a host address (examples: nas, 192.168.1.5:8766, http://nas:8766)" : null;
        return uri;
    }
}
