using System.Text.Json;
using FFMpegCore;
using MediaLibrary.Common.Catalog;

namespace MediaLibrary.Common.Probing;

/// <summary>
/// ffprobe (through FFMpegCore, over Debian's ffmpeg) with a timeout: ffprobe hangs on some network
/// shares and on FIFOs, so every probe is cancelled (and the process killed) when it overruns.
/// Corrupt, truncated or non-media files give a <see cref="MediaInfo"/> with <see cref="MediaInfo.ProbeError"/>
/// set, never an exception: one bad file must not stop a pass.
/// </summary>
public sealed class MediaProber(TimeSpan timeout)
{
    private long _probes;

    /// <summary>ffprobe runs started (0 on an unchanged rescan).</summary>
    public long Probes => Interlocked.Read(ref _probes);

    /// <summary>Probes <paramref name="path"/>.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        if (ReadHead(path) is { } head && !ContainerSniffer.LooksLikeMedia(head))
        {
            return new MediaInfo { ProbeError = "not a media container (its first bytes match none); ffprobe not run" };
        }
        Interlocked.Increment(ref _probes);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var analysis = await FFProbe.AnalyseAsync(path, cancellationToken: limit.Token).ConfigureAwait(false);
            return ToMediaInfo(analysis);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new MediaInfo { ProbeError = $"ffprobe did not answer within {timeout.TotalSeconds:0.#} s" };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // FFProbeException carries ffprobe's stderr; its first line says what is wrong.
            var first = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? e.GetType().Name;
            return new MediaInfo { ProbeError = first.Length > 300 ? first[..300] : first };
        }
    }

    private static byte[]? ReadHead(string path)
    {
        try
        {
            // Opening a FIFO for reading blocks: only regular files are sniffed; anything else is
            // left to ffprobe and its timeout.
            var stat = Identity.UnixFiles.Stat(path, followSymlinks: true);
            if (stat.Type != Identity.FileType.Regular)
            {
                return null;
            }
            using var handle = Identity.UnixFiles.OpenVerified(path, stat, followSymlinks: true);
            using var file = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            var head = new byte[ContainerSniffer.HeadLength];
            int n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return head[..n];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static MediaInfo ToMediaInfo(IMediaAnalysis a)
    {
        var video = a.PrimaryVideoStream;
        return new MediaInfo
        {
            Duration = a.Duration.TotalSeconds,
            Container = a.Format.FormatName ?? "",
            VideoCodec = video?.CodecName ?? "",
            AudioCodecs = a.AudioStreams.Select(s => s.CodecName ?? "").ToArray(),
            Width = video?.Width ?? 0,
            Height = video?.Height ?? 0,
            Bitrate = a.Format.BitRate ?? 0,
            FrameRate = video is null ? 0 : Math.Round(video.AverageFrameRate, 3),
            BitDepth = video is null ? 0 : BitDepthOf(video),
            Hdr = video?.ColorTransfer is "smpte2084" or "arib-std-b67" ? video.ColorTransfer : "",
            AudioLanguages = a.AudioStreams.Select(s => string.IsNullOrEmpty(s.Language) ? "und" : s.Language).ToArray(),
            SubtitleLanguages = a.SubtitleStreams.Select(s => string.IsNullOrEmpty(s.Language) ? "und" : s.Language).ToArray(),
            StreamsJson = StreamsOf(a.Json),
        };
    }

    // bits_per_raw_sample is often absent; the pixel format names the depth ("yuv420p10le").
    private static int BitDepthOf(VideoStream v)
    {
        if (v.BitsPerRawSample is > 0)
        {
            return v.BitsPerRawSample.Value;
        }
        var pix = v.PixelFormat ?? "";
        foreach (var depth in new[] { 16, 14, 12, 10, 9 })
        {
            if (pix.Contains($"p{depth}", StringComparison.Ordinal))
            {
                return depth;
            }
        }
        return pix.Length > 0 ? 8 : 0;
    }

    private static string StreamsOf(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return "[]";
        }
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("streams", out var streams) ? streams.GetRawText() : "[]";
    }
}
