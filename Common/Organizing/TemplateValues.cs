namespace MediaLibrary.Common.Organizing;

/// <summary>What a template is filled with: the parsed name, corrected by catalog metadata.</summary>
public sealed record TemplateValues
{
    public string? Show { get; init; }
    public int? Season { get; init; }
    public IReadOnlyList<int> Episodes { get; init; } = [];
    public int? AbsoluteEpisode { get; init; }
    public string? EpisodeTitle { get; init; }
    public DateOnly? AirDate { get; init; }
    public string? Title { get; init; }
    public int? Year { get; init; }
    public string? Resolution { get; init; }
    public string? Source { get; init; }
    public string? VideoCodec { get; init; }
    public string? AudioCodec { get; init; }
    public string? ReleaseGroup { get; init; }
    public string? Edition { get; init; }
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Lower-case with the dot.</summary>
    public string? Extension { get; init; }

    /// <summary>From a parsed name; <paramref name="media"/> (ffprobe) beats guesses from the name for
    /// resolution and codecs.</summary>
    public static TemplateValues From(ParsedName name, string extension, Catalog.MediaInfo? media = null) => new()
    {
        Show = name.Show,
        Season = name.Season,
        Episodes = name.Episodes,
        AbsoluteEpisode = name.AbsoluteEpisode,
        EpisodeTitle = name.EpisodeTitle,
        AirDate = name.AirDate,
        Title = name.Title,
        Year = name.Year,
        Resolution = media is { Height: > 0 } m ? ResolutionOf(m.Width, m.Height) : name.Resolution,
        Source = name.Source,
        VideoCodec = media is { VideoCodec.Length: > 0 } v ? v.VideoCodec switch { "h264" => "H.264", "hevc" => "HEVC", "av1" => "AV1", var c => c } : name.VideoCodec,
        AudioCodec = media is { AudioCodecs.Count: > 0 } a ? a.AudioCodecs[0].ToUpperInvariant() : name.AudioCodec,
        ReleaseGroup = name.ReleaseGroup,
        Edition = name.Edition,
        Languages = name.Languages,
        Extension = extension,
    };

    // Named by the larger side, as releases are: a 1920x800 scope film is "1080p".
    private static string ResolutionOf(int width, int height) => Math.Max(width * 9 / 16, height) switch
    {
        >= 2000 => "2160p",
        >= 1000 => "1080p",
        >= 700 => "720p",
        >= 560 => "576p",
        _ => "480p",
    };
}
