using System.Collections.Concurrent;
using System.Diagnostics;

namespace MediaLibrary.Agent;

/// <summary>What the agent did in its current (or last) cycle, for /agent/stats and tests.</summary>
public sealed class AgentStats
{
    private long _seen;
    private long _seenBytes;
    private long _uploaded;
    private long _batches;
    private long _sentBytes;
    private long _errors;
    private long _seenVideos;
    private long _cycles;
    private long _started = Stopwatch.GetTimestamp();

    public bool Active { get; set; }

    /// <summary>0 idle, 1 hashing, 2 probing.</summary>
    public int Phase { get; set; }

    public IReadOnlyList<string> Roots { get; set; } = [];

    public int Workers { get; set; }

    public int BatchSize { get; set; }

    public long Seen => Interlocked.Read(ref _seen);

    public long SeenBytes => Interlocked.Read(ref _seenBytes);

    public long Uploaded => Interlocked.Read(ref _uploaded);

    public long Batches => Interlocked.Read(ref _batches);

    public long SentBytes => Interlocked.Read(ref _sentBytes);

    public long Errors => Interlocked.Read(ref _errors);

    public long SeenVideos => Interlocked.Read(ref _seenVideos);

    public long Cycles => Interlocked.Read(ref _cycles);

    /// <summary>Bytes hashed this cycle.</summary>
    public long BytesHashed { get; set; }

    /// <summary>ffprobe runs this cycle.</summary>
    public long Probes { get; set; }

    public string LastError { get; private set; } = "";

    public ConcurrentDictionary<string, long> Kinds { get; } = new();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(Interlocked.Read(ref _started));

    public void StartCycle()
    {
        Interlocked.Exchange(ref _started, Stopwatch.GetTimestamp());
        Interlocked.Exchange(ref _seen, 0);
        Interlocked.Exchange(ref _seenBytes, 0);
        Interlocked.Exchange(ref _uploaded, 0);
        Interlocked.Exchange(ref _batches, 0);
        Interlocked.Exchange(ref _errors, 0);
        Interlocked.Exchange(ref _seenVideos, 0);
        BytesHashed = 0;
        Probes = 0;
        Kinds.Clear();
        Active = true;
    }

    public void EndCycle()
    {
        Active = false;
        Phase = 0;
        Interlocked.Increment(ref _cycles);
    }

    public void AddSeen(long files, long bytes)
    {
        Interlocked.Add(ref _seen, files);
        Interlocked.Add(ref _seenBytes, bytes);
    }

    public void AddUploaded(long records, long bytes)
    {
        Interlocked.Add(ref _uploaded, records);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _sentBytes, bytes);
    }

    public void AddSeenVideo() => Interlocked.Increment(ref _seenVideos);

    public void AddError(string message)
    {
        Interlocked.Increment(ref _errors);
        LastError = message;
    }
}
