using MediaLibrary.Common.Catalog;
using System.Globalization;

namespace MediaLibrary.Common.Probing;

/// <summary>
/// Computes <see cref="VideoFingerprint"/>s with ffmpeg: one seek and one decoded frame per position,
/// scaled to 32×32 grey, in a single ffmpeg run per video (its inputs are the same file opened at
/// each position). Bounded by a timeout like probes are.
/// </summary>
public sealed class VideoFingerprinter(TimeSpan timeout)
{
    /// <summary>The fingerprint, or null with the reason when ffmpeg could not decode frames.</summary>
    public async Task<(VideoFingerprint? Fingerprint, string? Error)> ComputeAsync(string path, double duration, CancellationToken cancellationToken)
    {
        if (!(duration > 0))
        {
            return (null, "no duration");
        }
        var args = new List<string> { "-v", "error", "-nostdin" };
        for (int i = 0; i < VideoFingerprint.FrameCount; i++)
        {
            args.AddRange(["-ss", (duration * VideoFingerprint.Position(i)).ToString("0.###", CultureInfo.InvariantCulture), "-i", FfmpegRunner.Input(path)]);
        }
        for (int i = 0; i < VideoFingerprint.FrameCount; i++)
        {
            args.AddRange(["-map", $"{i}:v:0", "-frames:v", "1", "-vf", "scale=32:32:flags=area,format=gray", "-f", "rawvideo", "pipe:1"]);
        }
        var run = await FfmpegRunner.RunAsync("ffmpeg", args, timeout, cancellationToken).ConfigureAwait(false);
        if (run.TimedOut)
        {
            return (null, $"ffmpeg did not finish within {timeout.TotalSeconds:0.#} s");
        }
        var bytes = run.Output;
        const int frame = PerceptualHash.Side * PerceptualHash.Side;
        if (bytes.Length < frame * VideoFingerprint.FrameCount)
        {
            var why = run.FirstError;
            return (null, $"ffmpeg gave {bytes.Length / frame} of {VideoFingerprint.FrameCount} frames" + (why is null ? "" : ": " + why));
        }
        var hashes = new ulong[VideoFingerprint.FrameCount];
        var gradients = new ulong[VideoFingerprint.FrameCount];
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i] = PerceptualHash.Of(bytes.AsSpan(i * frame, frame));
            gradients[i] = PerceptualHash.Gradient(bytes.AsSpan(i * frame, frame));
        }
        return (new VideoFingerprint(duration, hashes, gradients), null);
    }
}
