using System.Diagnostics;
using MediaLibrary.Cli.Output;
using MediaLibrary.Common.Scanning;
using Spectre.Console;

namespace MediaLibrary.Cli.Commands;

/// <summary>A live status line on a terminal: files, bytes, rate, current path.</summary>
public static class ScanProgressDisplay
{
    /// <summary>Shows progress until <paramref name="run"/> ends.</summary>
    public static Task ShowAsync(IAnsiConsole console, ScanIndexer indexer, Task run) =>
        console.Status().StartAsync("Scanning", async ctx =>
        {
            var clock = Stopwatch.StartNew();
            while (!run.IsCompleted)
            {
                var p = indexer.Progress;
                double rate = p.Bytes / Math.Max(0.001, clock.Elapsed.TotalSeconds);
                var path = DisplayText.Escape(p.CurrentPath);
                if (path.Length > 60)
                {
                    path = "…" + path[^59..];
                }
                ctx.Status(Markup.Escape(
                    $"{p.Files:N0} files, {ByteSize.Format(p.Bytes)} ({ByteSize.Format((long)rate)}/s), " +
                    $"hashed {ByteSize.Format(indexer.Hashing.BytesRead)}, {p.Errors:N0} errors  {path}"));
                await Task.WhenAny(run, Task.Delay(200));
            }
        });
}
