namespace MediaLibrary.Agent.Work;

/// <summary>
/// The agent's life: drain what an earlier run left in the outbox, then cycle (on start, every
/// interval, or when asked through /agent/scan_now) while the sender drains in the background.
/// With --once: one cycle, drain, stop the process.
/// </summary>
public sealed class AgentWorker(CycleRunner cycles, OutboxSender sender, AgentStats stats, AgentOptions options, IHostApplicationLifetime lifetime,
    ILogger<AgentWorker> log)
    : BackgroundService
{
    private readonly SemaphoreSlim _trigger = new(0);

    /// <summary>0 when the last --once run ended well.</summary>
    public int ExitCode { get; private set; }

    /// <summary>Starts a cycle unless one runs.</summary>
    public bool TryStartNow(out string? why)
    {
        if (stats.Active)
        {
            why = "already running";
            return false;
        }
        if (_trigger.CurrentCount == 0)
        {
            _trigger.Release();
        }
        why = null;
        return true;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sending = options.Once ? Task.CompletedTask : sender.RunAsync(stoppingToken);
        try
        {
            do
            {
                try
                {
                    await cycles.RunAsync(stoppingToken);
                    log.LogInformation("cycle done: {Seen} files, {Bytes} bytes hashed, {Probes} probes, {Errors} errors{Last}",
                        stats.Seen, stats.BytesHashed, stats.Probes, stats.Errors, stats.Errors > 0 ? " (last: " + stats.LastError + ")" : "");
                }
                catch (InvalidOperationException e)
                {
                    stats.AddError(e.Message);
                    log.LogError("{Message}", e.Message);
                    ExitCode = 3;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A cycle that fails (a bad config value, a full disk) must not end the agent.
                    stats.AddError("cycle failed: " + e.Message);
                    log.LogError(e, "cycle failed");
                    ExitCode = 1;
                }
                if (options.Once)
                {
                    await sender.DrainAsync(stoppingToken);
                    break;
                }
                await _trigger.WaitAsync(options.Interval, stoppingToken);
            }
            while (!stoppingToken.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (options.Once)
        {
            lifetime.StopApplication();
        }
    }
}
