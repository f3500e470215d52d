using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Duplicates;
using MediaLibrary.Common.Scanning;

namespace MediaLibrary.Cli.Output;

/// <summary>
/// The --json documents. Their shape is a contract with scripts (README.md, "JSON output"):
/// snake_case keys, a "version" that changes only when a key changes meaning or goes away.
/// </summary>
public static class JsonReports
{
    /// <summary>Version of every document's shape.</summary>
    public const int Version = 1;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Paths are data: keep non-ASCII as is, escape only what JSON requires.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>For documents serialized whole (verify, near duplicates, organize plans): the same
    /// indentation and escaping as the written ones.</summary>
    public static readonly JsonSerializerOptions Serializer = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>mlm scan --json</c>.</summary>
    public static string Scan(ScanResult r, string catalogPath) => Write(w =>
    {
        var p = r.Progress;
        w.WriteNumber("version", Version);
        w.WriteString("catalog", catalogPath);
        w.WriteBoolean("cancelled", r.Cancelled);
        w.WriteNumber("elapsed_seconds", Math.Round(r.Elapsed.TotalSeconds, 3));
        w.WriteNumber("files", p.Files);
        w.WriteNumber("bytes", p.Bytes);
        w.WriteNumber("new", p.New);
        w.WriteNumber("changed", p.Changed);
        w.WriteNumber("unchanged", p.Unchanged);
        w.WriteNumber("gone", p.Gone);
        w.WriteNumber("junk", p.Junk);
        w.WriteNumber("skipped", p.Skipped);
        w.WriteNumber("errors", p.Errors);
        w.WriteNumber("files_hashed", r.Hashing.FilesHashed);
        w.WriteNumber("bytes_hashed", r.Hashing.BytesRead);
        w.WriteStartObject("seconds");
        w.WriteNumber("walk", Math.Round(p.WalkTime.TotalSeconds, 3));
        w.WriteNumber("hash", Math.Round(p.HashTime.TotalSeconds, 3));
        w.WriteNumber("write", Math.Round(p.WriteTime.TotalSeconds, 3));
        w.WriteEndObject();
        w.WriteStartArray("error_list");
        foreach (var e in r.Errors)
        {
            WriteError(w, e);
        }
        w.WriteEndArray();
    });

    /// <summary><c>mlm dupes --json</c>.</summary>
    public static string Dupes(DuplicateReport report, string catalogPath) => Write(w =>
    {
        w.WriteNumber("version", Version);
        w.WriteString("catalog", catalogPath);
        w.WriteNumber("group_count", report.Groups.Count);
        w.WriteNumber("file_count", report.FileCount);
        w.WriteNumber("reclaimable_bytes", report.ReclaimableBytes);
        w.WriteNumber("files_hashed", report.FilesHashed);
        w.WriteNumber("bytes_hashed", report.BytesHashed);
        w.WriteNumber("awaiting_full_hash", report.AwaitingFullHash);
        w.WriteStartArray("groups");
        foreach (var g in report.Groups)
        {
            w.WriteStartObject();
            w.WriteNumber("size", g.Size);
            w.WriteString("algo", g.Algorithm);
            w.WriteString("hash", g.Hash);
            w.WriteNumber("identities", g.Identities);
            w.WriteNumber("reclaimable_bytes", g.ReclaimableBytes);
            w.WriteStartArray("files");
            foreach (var m in g.Members)
            {
                w.WriteStartObject();
                w.WriteString("source", m.Source);
                w.WriteString("path", m.Path);
                w.WriteNumber("device", m.Device);
                w.WriteNumber("inode", m.Inode);
                if (m.HardlinkOf is null)
                {
                    w.WriteNull("hardlink_of");
                }
                else
                {
                    w.WriteString("hardlink_of", m.HardlinkOf);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("skipped");
        foreach (var e in report.Skipped)
        {
            WriteError(w, e);
        }
        w.WriteEndArray();
    });

    /// <summary><c>mlm junk --json</c>, streamed: the files first, the totals after them.</summary>
    public static void Junk(TextWriter output, IEnumerable<JunkEntry> junk, string catalogPath)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var w = new Utf8JsonWriter(buffer, Options);
        w.WriteStartObject();
        w.WriteNumber("version", Version);
        w.WriteString("catalog", catalogPath);
        w.WriteStartArray("files");
        long count = 0, bytes = 0;
        foreach (var r in junk)
        {
            w.WriteStartObject();
            w.WriteString("path", r.Path);
            w.WriteNumber("size", r.Size);
            w.WriteString("ext", r.Ext);
            w.WriteString("reason", r.Reason);
            w.WriteEndObject();
            count++;
            bytes += r.Size;
            if (w.BytesPending + buffer.WrittenCount > 48 * 1024)
            {
                Drain(w, buffer, output);
            }
        }
        w.WriteEndArray();
        w.WriteNumber("count", count);
        w.WriteNumber("total_bytes", bytes);
        w.WriteEndObject();
        Drain(w, buffer, output);
        output.WriteLine();
    }

    private static void Drain(Utf8JsonWriter w, ArrayBufferWriter<byte> buffer, TextWriter output)
    {
        w.Flush();
        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        buffer.ResetWrittenCount();
    }

    private static void WriteError(Utf8JsonWriter w, ScanError e)
    {
        w.WriteStartObject();
        w.WriteString("path", e.Path);
        w.WriteString("reason", e.Reason);
        w.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
