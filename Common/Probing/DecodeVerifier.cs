using System.Diagnostics;

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
        var start = new ProcessStartInfo("ffmpeg", ["-nostdin", "-v", "error", "-i", path, "-f", "null", "-"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var process = Process.Start(start)!;
        try
        {
            var stderr = await process.StandardError.ReadToEndAsync(limit.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            var first = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            return first ?? (process.ExitCode != 0 ? $"ffmpeg exited with {process.ExitCode}" : null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"decoding did not finish within {timeout.TotalSeconds:0} s";
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
