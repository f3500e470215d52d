namespace MediaLibrary.Common.Scanning;

/// <summary>Live, thread-safe tallies of a scan, read by progress displays while it runs.</summary>
public sealed class ScanProgress
{
    private long _files;
    private long _bytes;
    private long _new;
    private long _changed;
    private long _unchanged;
    private long _gone;
    private long _junk;
    private long _errors;
    private long _skipped;

    /// <summary>Regular files found.</summary>
    public long Files => Interlocked.Read(ref _files);

    /// <summary>Sum of their sizes.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public long New => Interlocked.Read(ref _new);

    public long Changed => Interlocked.Read(ref _changed);

    /// <summary>Files whose identity matched the catalog: no byte read.</summary>
    public long Unchanged => Interlocked.Read(ref _unchanged);

    /// <summary>Catalog records whose file is no longer there.</summary>
    public long Gone => Interlocked.Read(ref _gone);

    public long Junk => Interlocked.Read(ref _junk);

    /// <summary>Paths that could not be stat'ed, listed or read.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Symlinks not followed, FIFOs, sockets, devices.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Files per kind seen.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, long> Kinds { get; } = new(StringComparer.Ordinal);

    internal void AddKind(string kind) => Kinds.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    /// <summary>The path the walk is at (for a progress line).</summary>
    public string CurrentPath { get; internal set; } = "";

    private long _walkTicks;
    private long _hashTicks;
    private long _writeTicks;
    private long _waitTicks;

    /// <summary>Time the walk thread spent walking and comparing with the catalog (not waiting).</summary>
    public TimeSpan WalkTime => TimeSpan.FromTicks(Interlocked.Read(ref _walkTicks) - Interlocked.Read(ref _waitTicks));

    /// <summary>Time spent hashing, summed over workers.</summary>
    public TimeSpan HashTime => TimeSpan.FromTicks(Interlocked.Read(ref _hashTicks));

    /// <summary>Time spent in catalog write transactions.</summary>
    public TimeSpan WriteTime => TimeSpan.FromTicks(Interlocked.Read(ref _writeTicks));

    internal void AddWalkTime(TimeSpan t) => Interlocked.Add(ref _walkTicks, t.Ticks);

    internal void AddWaitTime(TimeSpan t) => Interlocked.Add(ref _waitTicks, t.Ticks);

    internal void AddHashTime(TimeSpan t) => Interlocked.Add(ref _hashTicks, t.Ticks);

    internal void AddWriteTime(TimeSpan t) => Interlocked.Add(ref _writeTicks, t.Ticks);

    internal void AddFile(long size)
    {
        Interlocked.Increment(ref _files);
        Interlocked.Add(ref _bytes, size);
    }

    internal void AddNew() => Interlocked.Increment(ref _new);

    internal void AddChanged() => Interlocked.Increment(ref _changed);

    internal void AddUnchanged() => Interlocked.Increment(ref _unchanged);

    internal void AddGone() => Interlocked.Increment(ref _gone);

    internal void AddJunk() => Interlocked.Increment(ref _junk);

    internal void AddError() => Interlocked.Increment(ref _errors);

    internal void AddSkipped() => Interlocked.Increment(ref _skipped);
}
