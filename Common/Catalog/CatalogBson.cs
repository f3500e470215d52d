using LiteDB;

namespace MediaLibrary.Common.Catalog;

/// <summary>
/// Hand-written BSON mapping of catalog documents. LiteDB's reflection mapper compiles expression
/// trees at start-up and costs ~6 µs a record; a scan writes tens of thousands of records and a
/// command runs for well under a second, so both costs showed in the benchmarks.
/// </summary>
internal static class CatalogBson
{
    public const string Size = "size";
    public const string Kind = "kind";

    public static BsonDocument ToDocument(CatalogRecord r)
    {
        var d = new BsonDocument
        {
            ["_id"] = r.Id,
            ["source"] = r.Source,
            ["path"] = r.Path,
            [Kind] = r.Kind,
            ["ext"] = r.Ext,
            [Size] = r.Size,
            ["mtime_ns"] = r.MtimeNs,
            ["ctime_ns"] = r.CtimeNs,
            ["dev"] = r.Device,
            ["ino"] = r.Inode,
            ["nlink"] = r.LinkCount,
            ["sample_size"] = r.SampleSize,
            ["first_seen"] = Millis(r.FirstSeen),
            ["last_seen"] = Millis(r.LastSeen),
            ["gone"] = r.Gone,
        };
        SetIfNotNull(d, "junk_reason", r.JunkReason);
        SetIfNotNull(d, "algo", r.Algo);
        SetIfNotNull(d, "sample_hash", r.SampleHash);
        SetIfNotNull(d, "full_hash", r.FullHash);
        SetIfNotNull(d, "error", r.Error);
        SetIfNotNull(d, "inode_key", r.InodeKey);
        if (r.Media is { } m)
        {
            d["media"] = ToDocument(m);
        }
        if (r.Fingerprint is { } fp)
        {
            d["fp"] = new BsonDocument
            {
                ["d"] = fp.Duration,
                ["h"] = new BsonArray(fp.Frames.Select(h => new BsonValue(unchecked((long)h)))),
                ["g"] = new BsonArray(fp.Gradients.Select(h => new BsonValue(unchecked((long)h)))),
            };
        }
        if (r.GoneAt is { } goneAt)
        {
            d["gone_at"] = Millis(goneAt);
        }
        return d;
    }

    public static CatalogRecord ToRecord(BsonDocument d) => new()
    {
        Id = d["_id"].AsString,
        Source = d["source"].AsString,
        Path = d["path"].AsString,
        Kind = d[Kind].AsString,
        Ext = d["ext"].AsString,
        Size = d[Size].AsInt64,
        MtimeNs = d["mtime_ns"].AsInt64,
        CtimeNs = d["ctime_ns"].AsInt64,
        Device = d["dev"].AsInt64,
        Inode = d["ino"].AsInt64,
        LinkCount = d["nlink"].AsInt32,
        SampleSize = d["sample_size"].AsInt32,
        FirstSeen = Time(d["first_seen"]),
        LastSeen = Time(d["last_seen"]),
        Gone = d["gone"].AsBoolean,
        GoneAt = d.TryGetValue("gone_at", out var goneAt) && goneAt.IsInt64 ? Time(goneAt) : null,
        JunkReason = StringOrNull(d, "junk_reason"),
        Algo = StringOrNull(d, "algo"),
        SampleHash = StringOrNull(d, "sample_hash"),
        FullHash = StringOrNull(d, "full_hash"),
        Error = StringOrNull(d, "error"),
        InodeKey = StringOrNull(d, "inode_key"),
        Media = d.TryGetValue("media", out var media) && media.IsDocument ? ToMediaInfo(media.AsDocument) : null,
        Fingerprint = d.TryGetValue("fp", out var fp) && fp.IsDocument && fp["g"].IsArray
            ? new VideoFingerprint(fp["d"].AsDouble, fp["h"].AsArray.Select(v => unchecked((ulong)v.AsInt64)).ToArray(), fp["g"].AsArray.Select(v =>
                unchecked((ulong)v.AsInt64)).ToArray())
            : null,
    };

    private static BsonDocument ToDocument(MediaInfo m) => new()
    {
        ["duration"] = m.Duration,
        ["container"] = m.Container,
        ["video_codec"] = m.VideoCodec,
        ["audio_codecs"] = new BsonArray(m.AudioCodecs.Select(c => new BsonValue(c))),
        ["width"] = m.Width,
        ["height"] = m.Height,
        ["bitrate"] = m.Bitrate,
        ["frame_rate"] = m.FrameRate,
        ["bit_depth"] = m.BitDepth,
        ["hdr"] = m.Hdr,
        ["audio_languages"] = new BsonArray(m.AudioLanguages.Select(c => new BsonValue(c))),
        ["subtitle_languages"] = new BsonArray(m.SubtitleLanguages.Select(c => new BsonValue(c))),
        ["streams_json"] = m.StreamsJson,
        ["probe_error"] = m.ProbeError,
    };

    private static MediaInfo ToMediaInfo(BsonDocument d) => new()
    {
        Duration = d["duration"].AsDouble,
        Container = d["container"].AsString,
        VideoCodec = d["video_codec"].AsString,
        AudioCodecs = d["audio_codecs"].AsArray.Select(v => v.AsString).ToArray(),
        Width = d["width"].AsInt32,
        Height = d["height"].AsInt32,
        Bitrate = d["bitrate"].AsInt64,
        FrameRate = d["frame_rate"].AsDouble,
        BitDepth = d["bit_depth"].AsInt32,
        Hdr = d["hdr"].AsString,
        AudioLanguages = d["audio_languages"].AsArray.Select(v => v.AsString).ToArray(),
        SubtitleLanguages = d["subtitle_languages"].AsArray.Select(v => v.AsString).ToArray(),
        StreamsJson = d["streams_json"].AsString,
        ProbeError = d["probe_error"].AsString,
    };

    public static BsonDocument ToDocument(RootScan s)
    {
        var d = new BsonDocument
        {
            ["_id"] = s.Id,
            ["source"] = s.Source,
            ["root"] = s.Root,
            ["last_started"] = Millis(s.LastStarted),
            ["files"] = s.Files,
            ["bytes"] = s.Bytes,
        };
        if (s.LastCompleted is { } completed)
        {
            d["last_completed"] = Millis(completed);
        }
        return d;
    }

    public static RootScan ToRootScan(BsonDocument d) => new()
    {
        Id = d["_id"].AsString,
        Source = d["source"].AsString,
        Root = d["root"].AsString,
        LastStarted = Time(d["last_started"]),
        LastCompleted = d.TryGetValue("last_completed", out var c) && c.IsInt64 ? Time(c) : null,
        Files = d["files"].AsInt64,
        Bytes = d["bytes"].AsInt64,
    };

    // Times are stored as Unix milliseconds: LiteDB's DateTime values come back in local time, and
    // converting them costs more than the rest of reading a record.
    public static long Millis(DateTime t) => new DateTimeOffset(t.ToUniversalTime()).ToUnixTimeMilliseconds();

    public static DateTime Time(BsonValue v) => DateTimeOffset.FromUnixTimeMilliseconds(v.AsInt64).UtcDateTime;

    private static void SetIfNotNull(BsonDocument d, string key, string? value)
    {
        if (value is not null)
        {
            d[key] = value;
        }
    }

    private static string? StringOrNull(BsonDocument d, string key) =>
        d.TryGetValue(key, out var v) && v.IsString ? v.AsString : null;
}
