using System.Globalization;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.ReleaseNames;

namespace MediaLibrary.Common.Organizing;

/// <summary>
/// How good one copy of a video is, for the "keep the better copy" policies: a higher resolution
/// class first (the larger side, as releases name it: a 1920x800 film is "1080p"), then a higher
/// bitrate, then more bytes. ffprobe's numbers are used when the catalog has them; otherwise
/// the resolution the name claims ("720p"), and the size.
/// </summary>
public sealed record CopyQuality(int Height, long Bitrate, long Size, bool Measured) : IComparable<CopyQuality>
{
    /// <summary>The quality of <paramref name="path"/> from its metadata, or failing that its name.</summary>
    public static CopyQuality Of(string path, long size, MediaInfo? media)
    {
        if (media is { Width: > 0, Height: > 0 })
        {
            return new CopyQuality(Math.Max(media.Width * 9 / 16, media.Height), media.Bitrate, size, Measured: true);
        }
        int height = ReleaseNameParser.Parse(path).Resolution switch
        {
            "2160p" => 2160,
            "1080p" or "1080i" => 1080,
            "720p" => 720,
            "576p" => 576,
            "480p" => 480,
            _ => 0,
        };
        return new CopyQuality(height, 0, size, Measured: false);
    }

    /// <inheritdoc/>
    public int CompareTo(CopyQuality? other)
    {
        if (other is null)
        {
            return 1;
        }
        // Within a few lines is the same class (1080 against 1072 for a cropped encode).
        if (Math.Abs(Height - other.Height) > 16)
        {
            return Height.CompareTo(other.Height);
        }
        // A bitrate only counts when both copies have one: a guess must not beat a measurement.
        if (Bitrate > 0 && other.Bitrate > 0 && Bitrate != other.Bitrate)
        {
            return Bitrate.CompareTo(other.Bitrate);
        }
        return Size.CompareTo(other.Size);
    }

    /// <summary>"1080p, 8.1 Mb/s, 1,234,567 bytes" style, for the plan's notes.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Height > 0)
        {
            parts.Add($"{Height.ToString(CultureInfo.InvariantCulture)}p{(Measured ? "" : " (from the name)")}");
        }
        if (Bitrate > 0)
        {
            parts.Add((Bitrate / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " Mb/s");
        }
        parts.Add(Size.ToString("N0", CultureInfo.InvariantCulture) + " bytes");
        return string.Join(", ", parts);
    }
}
