namespace MediaLibrary.Common.Catalog;

/// <summary>What ffprobe says of a video (the contract's metadata, plus what we add).</summary>
public sealed record MediaInfo
{
    /// <summary>Seconds.</summary>
    public double Duration { get; init; }

    /// <summary>ffprobe format_name.</summary>
    public string Container { get; init; } = "";

    public string VideoCodec { get; init; } = "";

    public IReadOnlyList<string> AudioCodecs { get; init; } = [];

    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>Bits per second.</summary>
    public long Bitrate { get; init; }

    public double FrameRate { get; init; }

    public int BitDepth { get; init; }

    /// <summary>HDR transfer characteristic, "" for SDR.</summary>
    public string Hdr { get; init; } = "";

    public IReadOnlyList<string> AudioLanguages { get; init; } = [];

    public IReadOnlyList<string> SubtitleLanguages { get; init; } = [];

    /// <summary>ffprobe's streams JSON, verbatim.</summary>
    public string StreamsJson { get; init; } = "";

    /// <summary>Why probing failed, if it did.</summary>
    public string ProbeError { get; init; } = "";
}
