using MediaLibrary.Common.Classification;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Common.Ingest;

/// <summary>Scanning settings out of a host's <see cref="IngestConfig"/>, for scanners that report to it.</summary>
public static class ConfigMapping
{
    /// <summary>The classifier settings the host asks for.</summary>
    public static ClassifierSettings ToClassifierSettings(IngestConfig c) => new()
    {
        MediaExtensions = [.. c.MediaExtensions],
        AudioExtensions = c.AudioExtensions.Count > 0 ? [.. c.AudioExtensions] : new ClassifierSettings().AudioExtensions,
        ImageExtensions = [.. c.ImageExtensions],
        SubtitleExtensions = [.. c.SubtitleExtensions],
        XmlExtensions = [.. c.XmlExtensions],
        OtherExtensions = [.. c.OtherExtensions],
        JunkPatterns = [.. c.JunkPatterns],
        JunkExcludeExtensions = [.. c.JunkExcludeExtensions],
    };

    /// <summary>The hash parameters the host asks for (ours where it names an algorithm we lack).</summary>
    public static HashParameters ToHashParameters(IngestConfig c) =>
        HashAlgorithmName.IsKnown(c.HashAlgo) && c.HashSampleSize is >= 4096 and <= 64 * 1024 * 1024
            ? new HashParameters(c.HashAlgo, c.HashSampleSize)
            : new HashParameters();
}
