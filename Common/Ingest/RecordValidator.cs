using MediaLibrary.Common.Classification;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Common.Ingest;

/// <summary>Checks one incoming record; a bad record is refused with a reason, the rest of its batch is stored.</summary>
public static class RecordValidator
{
    private const int MaxPathLength = 32 * 1024;

    /// <summary>Null when the record can be stored, else why not.</summary>
    public static string? Problem(FileRecord r)
    {
        if (string.IsNullOrEmpty(r.Path))
        {
            return "path is empty";
        }
        if (r.Path.Contains('\0', StringComparison.Ordinal))
        {
            return "path contains a NUL character";
        }
        if (r.Path.Length > MaxPathLength)
        {
            return $"path is longer than {MaxPathLength} characters";
        }
        if (!FileKind.All.Contains(r.Kind))
        {
            return $"unknown kind '{r.Kind}' (expected one of {string.Join(", ", FileKind.All)})";
        }
        if (r.Size < 0)
        {
            return "size is negative";
        }
        if (!double.IsFinite(r.Mtime) || !double.IsFinite(r.Ctime))
        {
            return "mtime and ctime must be numbers of seconds";
        }
        if (r.HasInodeKey && r.InodeKey.Length > 0 && !InodeKey.TryParse(r.InodeKey, out _, out _))
        {
            return "inode_key must be size:mtime:ctime:ino:dev";
        }
        if (r.Hashes is { } h && (string.IsNullOrEmpty(h.Algo) || h.SampleSize < 0))
        {
            return "hashes need an algo and a non-negative sample_size";
        }
        if (r.Metadata is { } m && (!double.IsFinite(m.Duration) || !double.IsFinite(m.FrameRate)))
        {
            return "metadata duration and frame_rate must be numbers";
        }
        return null;
    }

    /// <summary>Null when the batch's own fields can be stored (its id and agent become catalog keys).</summary>
    public static string? BatchProblem(IngestBatch batch)
    {
        if (batch.BatchId.Length > 200 || batch.BatchId.Contains('\0', StringComparison.Ordinal))
        {
            return "batch_id must be at most 200 characters, without NUL";
        }
        if (batch.Agent.Length > 200 || batch.Agent.Contains('\0', StringComparison.Ordinal))
        {
            return "agent must be at most 200 characters, without NUL";
        }
        return null;
    }
}
