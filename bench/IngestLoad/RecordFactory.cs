using Google.Protobuf;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Bench;

/// <summary>Batches that look like a media library's pass 1: shows, seasons, episodes, sidecars, junk.</summary>
public static class RecordFactory
{
    private static readonly string[] Exts = [".mkv", ".mkv", ".mp4", ".srt", ".nfo", ".jpg", ".part"];

    public static IngestBatch Batch(string run, int batch, int size, string agent)
    {
        var rng = new Random(batch);
        var b = new IngestBatch { BatchId = $"{run}-{batch}", Agent = agent };
        for (int i = 0; i < size; i++)
        {
            int n = batch * size + i;
            var ext = Exts[n % Exts.Length];
            var path = $"/srv/media/{run}/Show {n / 2000:0000}/Season {n / 100 % 20:00}/Show.{n / 2000}.S{n / 100 % 20:00}E{n % 100:00}.1080p.WEB-DL{ext}";
            long size64 = rng.NextInt64(1_000, 4_000_000_000);
            double mtime = 1_700_000_000 + rng.NextDouble() * 1e8;
            var r = new FileRecord { Kind = ext switch { ".mkv" or ".mp4" => "video", ".srt" => "subtitle", ".nfo" => "xml", ".jpg" => "image", _ =>
                "junk" }, Path = path, Size = size64, Mtime = mtime, Ctime = mtime, Ext = ext };
            if (r.Kind == "junk")
            {
                r.Reason = "pattern: *.part";
            }
            else
            {
                r.InodeKey = $"{size64}:{(long)mtime}:{(long)mtime}:{10_000_000 + n}:2049";
                r.Hashes = new FileHashes { Algo = "xxhash64", SampleSize = 4194304, SampleHash = rng.NextInt64().ToString("x16"),
                    FullHash = rng.NextInt64().ToString("x16") };
            }
            b.Files.Add(r);
        }
        return b;
    }

    /// <summary>The contract's JSON of a batch (snake_case, as the earlier agent posts it).</summary>
    public static string Json(IngestBatch batch) => JsonFormatter.Default.Format(batch);
}
