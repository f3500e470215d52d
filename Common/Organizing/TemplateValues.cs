using MediaLibrary.Common.ReleaseNames;

namespace MediaLibrary.Common.Organizing;

/// <summary>What a template is filled with: the parsed name (corrected by catalog metadata) and the extension.</summary>
public sealed record TemplateValues : ParsedName
{
    /// <summary>Empty values (every token missing).</summary>
    public TemplateValues()
    {
    }

    /// <summary>The fields of <paramref name="name"/>.</summary>
    public TemplateValues(ParsedName name)
        : base(name)
    {
    }

    /// <summary>Lower-case with the dot.</summary>
    public string? Extension { get; init; }

    /// <summary>From a parsed name; <paramref name="media"/> (ffprobe) beats guesses from the name for
    /// resolution and codecs.</summary>
    public static TemplateValues From(ParsedName name, string extension, Catalog.MediaInfo? media = null) => new(name)
    {
        Extension = extension,
        Resolution = media is { Height: > 0 } m ? ReleaseTags.ResolutionOf(m.Width, m.Height) : name.Resolution,
        VideoCodec = media is { VideoCodec.Length: > 0 } v ? v.VideoCodec switch { "h264" => "H.264", "hevc" => "HEVC", "av1" => "AV1", var c =>
            c } : name.VideoCodec,
        AudioCodec = media is { AudioCodecs.Count: > 0 } a ? a.AudioCodecs[0].ToUpperInvariant() : name.AudioCodec,
    };
}
