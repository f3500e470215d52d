using System.Globalization;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.ReleaseNames;

namespace MediaLibrary.Common.Quality;

/// <summary>
/// The one best-copy rule: how good one copy of a video is, wherever a copy is chosen (the
/// organizer's "better" policy, `dupes --near`'s best copy, `--keep best`). In this order:
/// 1. a higher resolution class (the larger side, as releases name it: a 1920x800 film is "1080p";
///    within 16 lines is one class);
/// 2. a higher bitrate, when both copies have a measured one;
/// 3. a more efficient video codec (AV1, then HEVC and VP9, then H.264, then the rest);
/// 4. more bytes.
/// ffprobe's numbers are used when the catalog has them; otherwise the resolution the name claims
/// ("720p"), and the size. Hardlinks of one inode are one file: see <see cref="BestCopy"/>.
/// </summary>
public sealed record CopyQuality(int Height, long Bitrate, long Size, bool Measured, int Codec = 0) : IComparable<CopyQuality>
{
    /// <summary>The quality of <paramref name="path"/> from its metadata, or failing that its name.</summary>
    public static CopyQuality Of(string path, long size, MediaInfo? media)
    {
        if (media is { Width: > 0, Height: > 0 })
        {
            return new CopyQuality(Math.Max(media.Width * 9 / 16, media.Height), media.Bitrate, size, Measured: true, CodecRank(media.VideoCodec));
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
        if (Codec != other.Codec)
        {
            return Codec.CompareTo(other.Codec);
        }
        return Size.CompareTo(other.Size);
    }

    /// <summary>True when <paramref name="a"/> is the worse copy.</summary>
    public static bool operator <(CopyQuality? a, CopyQuality? b) => Compare(a, b) < 0;

    /// <summary>True when <paramref name="a"/> is the better copy.</summary>
    public static bool operator >(CopyQuality? a, CopyQuality? b) => Compare(a, b) > 0;

    /// <summary>True when <paramref name="a"/> is not the better copy.</summary>
    public static bool operator <=(CopyQuality? a, CopyQuality? b) => Compare(a, b) <= 0;

    /// <summary>True when <paramref name="a"/> is not the worse copy.</summary>
    public static bool operator >=(CopyQuality? a, CopyQuality? b) => Compare(a, b) >= 0;

    private static int Compare(CopyQuality? a, CopyQuality? b) => a is null ? (b is null ? 0 : -1) : a.CompareTo(b);

    /// <summary>How much picture a codec keeps per bit, roughly: the newer generations rank higher.</summary>
    public static int CodecRank(string codec) => codec switch
    {
        "av1" => 3,
        "hevc" or "vp9" => 2,
        "h264" => 1,
        _ => 0,
    };

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
