namespace MediaLibrary.Common.Classification;

/// <summary>
/// Extension lists and junk rules, with the keys and defaults of the contract's /ingest/config
/// (plus audio, and junk patterns the earlier system lacked). Extensions are lower-case with the dot.
/// </summary>
public sealed record ClassifierSettings
{
    public IReadOnlyList<string> MediaExtensions { get; init; } =
        [".mp4", ".mkv", ".avi", ".mov", ".wmv", ".m4v", ".mpg", ".mpeg", ".ts", ".m2ts", ".webm", ".flv"];

    public IReadOnlyList<string> AudioExtensions { get; init; } =
        [".mp3", ".flac", ".m4a", ".aac", ".ogg", ".opus", ".wav", ".wma", ".ac3", ".dts", ".mka"];

    public IReadOnlyList<string> ImageExtensions { get; init; } = [".jpg", ".jpeg", ".png", ".webp", ".gif", ".tbn"];

    public IReadOnlyList<string> SubtitleExtensions { get; init; } = [".srt", ".ass", ".ssa", ".vtt", ".sub", ".idx", ".sup"];

    public IReadOnlyList<string> XmlExtensions { get; init; } = [".xml", ".nfo"];

    /// <summary>Kind "other"; a junk-pattern match with such an extension stays "other" (contract).</summary>
    public IReadOnlyList<string> OtherExtensions { get; init; } = [];

    /// <summary>Case-insensitive globs on the file name. The contract's defaults first, then ours:
    /// every numbered RAR volume, qBittorrent's and browsers' partial files, OS litter, release samples.</summary>
    public IReadOnlyList<string> JunkPatterns { get; init; } =
    [
        "*.part", "*.partial", "*.!qb", "*.crdownload", "*.tmp", "*.temp", "*.r00", "*.r01", "*.r02",
        "*.rar", "*.zip", "*.7z", "*.par2",
        "*.r[0-9][0-9]", "*.!ut", "*.aria2", "*.download", "Thumbs.db", "ehthumbs.db", "desktop.ini",
        ".DS_Store", "._*", "*-sample.*", "*.sample.*", "sample.*", "*_sample.*",
    ];

    /// <summary>Extensions never classed as junk, whatever pattern they match.</summary>
    public IReadOnlyList<string> JunkExcludeExtensions { get; init; } = [];
}
