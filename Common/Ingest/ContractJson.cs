using System.Text.Encodings.Web;
using System.Text.Json;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Common.Ingest;

/// <summary>
/// A batch as the earlier agent posted it: snake_case, numbers as numbers (protobuf's own JSON
/// writes 64-bit integers as strings, which the earlier host would store as text), null for an
/// absent full hash, keys absent where the contract leaves them out.
/// </summary>
public static class ContractJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON body of <c>POST /ingest/batch</c>.</summary>
    public static byte[] Batch(IngestBatch batch)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("batch_id", batch.BatchId);
            if (batch.Agent.Length > 0)
            {
                w.WriteString("agent", batch.Agent);
            }
            w.WriteStartArray("files");
            foreach (var f in batch.Files)
            {
                Record(w, f);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
        w.WriteEndArray();
    }

    private static void Record(Utf8JsonWriter w, FileRecord f)
    {
        w.WriteStartObject();
        w.WriteString("kind", f.Kind);
        w.WriteString("path", f.Path);
        w.WriteNumber("size", f.Size);
        w.WriteNumber("mtime", f.Mtime);
        w.WriteNumber("ctime", f.Ctime);
        if (f.HasInodeKey)
        {
            w.WriteString("inode_key", f.InodeKey);
        }
        w.WriteString("ext", f.Ext);
        if (f.HasReason)
        {
            w.WriteString("reason", f.Reason);
        }
        if (f.Hashes is { } h)
        {
            w.WriteStartObject("hashes");
            w.WriteString("algo", h.Algo);
            w.WriteNumber("sample_size", h.SampleSize);
            w.WriteString("sample_hash", h.SampleHash);
            if (h.HasFullHash)
            {
                w.WriteString("full_hash", h.FullHash);
            }
            else
            {
                w.WriteNull("full_hash");
            }
            w.WriteEndObject();
        }
        if (f.Metadata is { } m)
        {
            w.WriteStartObject("metadata");
            w.WriteNumber("duration", m.Duration);
            w.WriteString("container", m.Container);
            w.WriteString("video_codec", m.VideoCodec);
            Strings(w, "audio_codecs", m.AudioCodecs);
            w.WriteNumber("width", m.Width);
            w.WriteNumber("height", m.Height);
            w.WriteNumber("bitrate", m.Bitrate);
            w.WriteString("streams_json", m.StreamsJson);
            w.WriteNumber("frame_rate", m.FrameRate);
            w.WriteNumber("bit_depth", m.BitDepth);
            w.WriteString("hdr", m.Hdr);
            Strings(w, "audio_languages", m.AudioLanguages);
            Strings(w, "subtitle_languages", m.SubtitleLanguages);
            if (m.ProbeError.Length > 0)
            {
                w.WriteString("probe_error", m.ProbeError);
            }
            if (m.FrameHashes.Count > 0)
            {
                w.WriteStartArray("frame_hashes");
                foreach (var frame in m.FrameHashes)
                {
                    w.WriteNumberValue(frame);
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
