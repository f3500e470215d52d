namespace MediaLibrary.Common.Probing;

/// <summary>
/// The deep check of `mlm verify`: decodes the whole file with ffmpeg (`-v error -f null`). A
/// truncated MKV probes as healthy with its full duration; only decoding finds that it ends early.
/// Anything ffmpeg reports at error level counts as damage.
/// </summary>
public sealed class DecodeVerifier(TimeSpan timeout)
{
    /// <summary>Null when the file decodes cleanly, else ffmpeg's first complaint.</summary>
    public async Task<string?> VerifyAsync(string path, CancellationToken cancellationToken)
    {
        var run = await FfmpegRunner.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-i", FfmpegRunner.Input(path), "-f", "null", "-"], timeout,
            cancellationToken)
            .ConfigureAwait(false);
        if (run.TimedOut)
        {
            return $"decoding did not finish within {timeout.TotalSeconds:0} s";
        }
        return run.FirstError ?? (run.ExitCode != 0 ? $"ffmpeg exited with {run.ExitCode}" : null);
    }
}
