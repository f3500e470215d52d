using System.Diagnostics;
using System.Text;

namespace MediaLibrary.Tests.Support;

/// <summary>mlm-agent as a real process: started, waited for, or killed without warning.</summary>
internal sealed class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AgentProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static AgentProcess Start(TestHost host, string cache, params string[] extra)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "mlm-agent.dll");
        var start = new ProcessStartInfo("dotnet", [dll, host.HttpUri.ToString(), "--grpc", host.GrpcUri.ToString(), "--cache", cache, "--port", "0",
            "--name", "nas", .. extra])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return new AgentProcess(Process.Start(start)!);
    }

    public async Task<int> WaitAsync(TimeSpan limit)
    {
        await _process.WaitForExitAsync().WaitAsync(limit);
        _process.WaitForExit(); // flush the output readers
        return _process.ExitCode;
    }

    /// <summary>Waits until the agent has printed <paramref name="text"/> (an event, not a fixed delay).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.IsFalse(_process.HasExited && !Output.Contains(text, StringComparison.Ordinal), $"the agent exited without printing '{text}': {Output}");
            Assert.IsLessThan(until, DateTime.UtcNow, $"the agent did not print '{text}' within {limit}: {Output}");
            await Task.Delay(20);
        }
    }

    /// <summary>SIGKILL: no cleanup, no flush, as a power cut or the OOM killer would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
