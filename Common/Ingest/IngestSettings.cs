using MediaLibrary.Common.Classification;

namespace MediaLibrary.Common.Ingest;

/// <summary>
/// The settings agents receive from /ingest/config, bound from the host's configuration (section
/// "Ingest" of appsettings.json or MLM_Ingest__* environment variables). Defaults are the contract's,
/// so a deployed agent of the earlier system hashes as it always did (xxhash64, 4 MiB samples).
/// </summary>
public sealed class IngestSettings
{
    private static readonly ClassifierSettings Classifier = new();

    public List<string> RemoteRoots { get; set; } = [];

    /// <summary>Roots per agent name; an agent without an entry gets <see cref="RemoteRoots"/>.</summary>
    public Dictionary<string, List<string>> AgentRoots { get; set; } = [];

    public List<string> MediaExtensions { get; set; } = [.. Classifier.MediaExtensions];

    public List<string> AudioExtensions { get; set; } = [.. Classifier.AudioExtensions];

    public List<string> ImageExtensions { get; set; } = [.. Classifier.ImageExtensions];

    public List<string> SubtitleExtensions { get; set; } = [.. Classifier.SubtitleExtensions];

    public List<string> XmlExtensions { get; set; } = [.. Classifier.XmlExtensions];

    public List<string> OtherExtensions { get; set; } = [];

    /// <summary>The contract's default patterns (deployed agents match them with Python's fnmatch).</summary>
    public List<string> JunkPatterns { get; set; } =
        ["*.part", "*.partial", "*.!qb", "*.crdownload", "*.tmp", "*.temp", "*.r00", "*.r01", "*.r02", "*.rar", "*.zip", "*.7z", "*.par2"];

    public List<string> JunkExcludeExtensions { get; set; } = [];

    public string HashAlgo { get; set; } = "xxhash64";

    public int HashSampleSize { get; set; } = 4 * 1024 * 1024;

    public bool DoFullHash { get; set; } = true;

    public int BatchSize { get; set; } = 500;

    public int AgentMaxWorkers { get; set; } = 4;

    public bool AgentGzip { get; set; }

    public bool AgentAdaptive { get; set; } = true;

    public int AgentOffpeakStart { get; set; } = 1;

    public int AgentOffpeakEnd { get; set; } = 6;

    public string WalkMode { get; set; } = "batched";

    public bool FollowSymlinks { get; set; }
}
