namespace MediaLibrary.Common.ReleaseNames;

/// <summary>What a release-style file name (and its folders) says about the media in it.</summary>
public record ParsedName
{
    /// <summary>Series name, for episodes.</summary>
    public string? Show { get; init; }

    public int? Season { get; init; }

    /// <summary>Episode numbers within the season (several for multi-episode files).</summary>
    public IReadOnlyList<int> Episodes { get; init; } = [];

    /// <summary>Absolute episode number (anime style "Show - 123").</summary>
    public int? AbsoluteEpisode { get; init; }

    public string? EpisodeTitle { get; init; }

    /// <summary>Air date of a daily show.</summary>
    public DateOnly? AirDate { get; init; }

    /// <summary>Title, for movies.</summary>
    public string? Title { get; init; }

    public int? Year { get; init; }

    /// <summary>"2160p", "1080p", "720p", "576p", "480p".</summary>
    public string? Resolution { get; init; }

    /// <summary>"BluRay", "WEB-DL", "WEBRip", "HDTV", "DVDRip", "Remux"...</summary>
    public string? Source { get; init; }

    /// <summary>"x264", "x265", "HEVC", "AV1"...</summary>
    public string? VideoCodec { get; init; }

    /// <summary>"AAC", "AC3", "DTS-HD MA", "TrueHD"...</summary>
    public string? AudioCodec { get; init; }

    public string? ReleaseGroup { get; init; }

    /// <summary>"Extended", "Director's Cut", "Unrated", "Remastered"...</summary>
    public string? Edition { get; init; }

    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>True for episodes (season/episode, absolute number or air date).</summary>
    public bool IsEpisode => Show is not null && (Episodes.Count > 0 || AbsoluteEpisode is not null || AirDate is not null);
}
