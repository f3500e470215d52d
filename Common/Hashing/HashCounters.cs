namespace MediaLibrary.Common.Hashing;

/// <summary>Thread-safe tallies of what hashing read: how tests and benchmarks prove a rescan read nothing.</summary>
public sealed class HashCounters
{
    private long _bytesRead;
    private long _filesHashed;

    /// <summary>File bytes read for hashing.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Files opened for hashing.</summary>
    public long FilesHashed => Interlocked.Read(ref _filesHashed);

    internal void AddBytes(long n) => Interlocked.Add(ref _bytesRead, n);

    internal void AddFile() => Interlocked.Increment(ref _filesHashed);
}
