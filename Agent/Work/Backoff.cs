namespace MediaLibrary.Agent.Work;

/// <summary>Exponential backoff with full jitter, for retries while the host is away.</summary>
public sealed class Backoff(TimeSpan first, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private int _attempt;

    /// <summary>The next delay: uniform in [0.5, 1] × min(max, first × 2^attempt).</summary>
    public TimeSpan Next()
    {
        var ceiling = Math.Min(max.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt++, 30)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (_random.NextDouble() / 2)));
    }

    /// <summary>After a success.</summary>
    public void Reset() => _attempt = 0;
}
