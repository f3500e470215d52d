using System.Globalization;
using MediaLibrary.Cli.Output;
using MediaLibrary.Common.Scanning;

namespace MediaLibrary.Cli.Commands;

/// <summary>The one-paragraph summary a scan prints for people.</summary>
public static class ScanSummary
{
    /// <summary>Formats the result.</summary>
    public static string Format(ScanResult r)
    {
        var p = r.Progress;
        var seconds = r.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        var head = r.Cancelled ? "Interrupted after" : "Scanned";
        return string.Create(CultureInfo.InvariantCulture,
            $"{head} {p.Files:N0} files ({ByteSize.Format(p.Bytes)}) in {seconds} s: " +
            $"{p.New:N0} new, {p.Changed:N0} changed, {p.Unchanged:N0} unchanged, {p.Gone:N0} gone, " +
            $"{p.Junk:N0} junk, {p.Skipped:N0} skipped, {p.Errors:N0} errors; " +
            $"read {ByteSize.Format(r.Hashing.BytesRead)} from {r.Hashing.FilesHashed:N0} files.");
    }
}
