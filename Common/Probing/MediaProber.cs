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
        // FFMpegCore's AnalyseAsync puts the path in a quoted command line, where a '"' in a file name
        // could inject options: our runner passes a list, and FFMpegCore only parses the JSON.
        try
        {
            var run = await FfmpegRunner.RunAsync("ffprobe",
                ["-loglevel", "error", "-print_format", "json", "-show_format", "-sexagesimal", "-show_streams", FfmpegRunner.Input(path)], timeout,
                    cancellationToken)
                .ConfigureAwait(false);
            if (run.TimedOut)
            {
                return new MediaInfo { ProbeError = $"ffprobe did not answer within {timeout.TotalSeconds:0.#} s" };
            }
            if (run.ExitCode != 0)
            {
                return new MediaInfo { ProbeError = Cut(run.FirstError ?? $"ffprobe exited with {run.ExitCode}") };
            }
            var json = System.Text.Encoding.UTF8.GetString(run.Output);
            return ToMediaInfo(FFProbe.FromJson(json), json);
        }
        // JSON FFMpegCore could not read is this file's error. A missing ffprobe (Win32Exception) is
        // not: it must not be stored as every video's probe result.
        catch (Exception e) when (e is not OperationCanceledException and not System.ComponentModel.Win32Exception)
        {
            return new MediaInfo { ProbeError = Cut(e.Message.Split('\n',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? e.GetType().Name) };
        }
    }

    private static string Cut(string reason) => reason.Length > 300 ? reason[..300] : reason;

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

    private static MediaInfo ToMediaInfo(IMediaAnalysis a, string json)
    {
        var video = a.PrimaryVideoStream;
        return new MediaInfo
        {
            Duration = Finite(a.Duration.TotalSeconds),
            Container = a.Format.FormatName ?? "",
            VideoCodec = video?.CodecName ?? "",
            AudioCodecs = a.AudioStreams.Select(s => s.CodecName ?? "").ToArray(),
            Width = video?.Width ?? 0,
            Height = video?.Height ?? 0,
            Bitrate = a.Format.BitRate ?? 0,
            FrameRate = video is null ? 0 : Math.Round(Finite(video.AverageFrameRate), 3), // "0/0" parses as NaN
            BitDepth = video is null ? 0 : BitDepthOf(video),
            Hdr = video?.ColorTransfer is "smpte2084" or "arib-std-b67" ? video.ColorTransfer : "",
            AudioLanguages = a.AudioStreams.Select(s => string.IsNullOrEmpty(s.Language) ? "und" : s.Language).ToArray(),
            SubtitleLanguages = a.SubtitleStreams.Select(s => string.IsNullOrEmpty(s.Language) ? "und" : s.Language).ToArray(),
            StreamsJson = StreamsOf(json),
        };
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

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

    // Capped: a file with hundreds of streams must not make a record (and an outbox batch) huge.
    private const int MaxStreamsJson = 64 * 1024;

    private static string StreamsOf(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return "[]";
        }
        using var doc = JsonDocument.Parse(json);
        var streams = doc.RootElement.TryGetProperty("streams", out var s) ? s.GetRawText() : "[]";
        return streams.Length <= MaxStreamsJson ? streams : "[]";
    }
}
