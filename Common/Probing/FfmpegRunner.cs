using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MediaLibrary.Common.Probing;

/// <summary>What one ffmpeg or ffprobe run gave.</summary>
/// <param name="ExitCode">The process's exit code (-1 when it timed out).</param>
/// <param name="Output">Standard output, whole.</param>
/// <param name="Error">Standard error, cut to <see cref="FfmpegRunner.MaxErrorChars"/>.</param>
/// <param name="TimedOut">It overran its timeout and was killed.</param>
public sealed record FfmpegResult(int ExitCode, byte[] Output, string Error, bool TimedOut)
{
    /// <summary>The first line ffmpeg complained with, without the addresses it prints
    /// ("[matroska @ 0x55d…]"), so reasons compare equal from run to run; null when it said nothing.</summary>
    public string? FirstError => FfmpegRunner.Stable(Error.Split('\n',
        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault());
}

/// <summary>
/// The one way the product starts ffmpeg and ffprobe: arguments as a list (never a command line a
/// quote in a file name could break), every input path as <see cref="Input"/> ("file:" + path: a
/// name such as "-i.mkv" or "http:x.mkv" is never read as an option or a protocol), a timeout after
/// which the whole process tree is killed, cancellation, and stderr kept to a bounded size.
/// </summary>
public static partial class FfmpegRunner
{
    /// <summary>Characters of stderr kept (a damaged file can make ffmpeg print megabytes).</summary>
    public const int MaxErrorChars = 8192;

    [GeneratedRegex(@" @ 0x[0-9a-f]+\]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Address();

    /// <summary>A path as an input argument.</summary>
    public static string Input(string path) => "file:" + path;

    /// <summary>Runs <paramref name="tool"/> ("ffmpeg" or "ffprobe") with <paramref name="args"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired (the process is killed).</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The tool is not installed.</exception>
    public static async Task<FfmpegResult> RunAsync(string tool, IReadOnlyList<string> args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // closed at once: ffmpeg must never wait for a keypress
        };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        try
        {
            var errors = ReadBoundedAsync(process.StandardError, limit.Token);
            using var output = new MemoryStream();
            await process.StandardOutput.BaseStream.CopyToAsync(output, limit.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            return new FfmpegResult(process.ExitCode, output.ToArray(), await errors.ConfigureAwait(false), TimedOut: false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FfmpegResult(-1, [], "", TimedOut: true);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>ffmpeg's text without the memory addresses it puts in its messages.</summary>
    public static string? Stable(string? line) => line is null ? null : Address().Replace(line, "]");

    // Reads all of stderr (so ffmpeg never blocks on a full pipe) but keeps only the start.
    private static async Task<string> ReadBoundedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var kept = new System.Text.StringBuilder();
        var buffer = new char[4096];
        for (int n; (n = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0;)
        {
            kept.Append(buffer, 0, Math.Min(n, Math.Max(0, MaxErrorChars - kept.Length)));
        }
        return kept.ToString();
    }
}
