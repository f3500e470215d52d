namespace MediaLibrary.Agent;

/// <summary>How the agent runs (command line of mlm-agent).</summary>
public sealed record AgentOptions
{
    /// <summary>The host's JSON address (contract port 8765 by default).</summary>
    public required Uri HostHttp { get; init; }

    /// <summary>The host's gRPC address; null: same host, port 8766. A host that only speaks the
    /// contract is reached over JSON instead.</summary>
    public Uri? HostGrpc { get; init; }

    /// <summary>The cache file.</summary>
    public string CachePath { get; init; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".medialib", "agent_cache.db");

    /// <summary>Delete the cache at start.</summary>
    public bool ClearCache { get; init; }

    /// <summary>Address of the control API; loopback unless said otherwise.</summary>
    public string Listen { get; init; } = "127.0.0.1";

    /// <summary>Port of the control API (0: chosen by the OS, printed at start).</summary>
    public int Port { get; init; } = 8877;

    /// <summary>The name records are stored under on the host.</summary>
    public string Name { get; init; } = Environment.MachineName;

    /// <summary>Run one cycle, drain the outbox, exit (cron, tests, benchmarks).</summary>
    public bool Once { get; init; }

    /// <summary>Folders /agent/ls may show besides the roots.</summary>
    public IReadOnlyList<string> BrowseRoots { get; init; } = [];

    /// <summary>Time between cycles.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>ffprobe's time limit per file.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay while the host is away; doubles up to <see cref="MaxBackoff"/>, with jitter.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The gRPC address to use.</summary>
    public Uri GrpcAddress => HostGrpc ?? new UriBuilder(HostHttp) { Port = Common.Net.HostUri.DefaultGrpcPort }.Uri;
}
