using System.Diagnostics;
using MediaLibrary.Cli;
using MediaLibrary.Common.Actions;

namespace MediaLibrary.Tests.Support;

/// <summary>Crashes and Ctrl+C at a chosen journal write: in a real process (tests/FaultHarness,
/// mlm-fault) where the kernel's part matters, or in this process where only the journal's does.</summary>
internal static class Faults
{
    /// <summary>Runs mlm-fault crash|interrupt N ARGS in a child process. The child starts with
    /// SIGINT at its default disposition even when this test run was started from a background job
    /// (which inherits it ignored, and .NET keeps it so): env --default-signal resets it.</summary>
    public static async Task<(int Exit, string Error)> RunProcessAsync(string fault, int afterWrites, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("env", ["--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "mlm-fault.dll"), fault,
            afterWrites.ToString(System.Globalization.CultureInfo.InvariantCulture), .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await stdout;
        return (p.ExitCode, error);
    }

    /// <summary>Runs mlm in this process and abandons it at the Nth journal write, as a crash would
    /// (nothing after that write happens). Returns null when it crashed, else the exit code.</summary>
    public static async Task<int?> CrashInProcessAsync(int afterWrites, params string[] args)
    {
        // The exception unwinds the command (CliApp's last-resort handler may catch it at the top):
        // whether the crash point was reached is the observer's to say.
        var crash = new CrashAt(afterWrites);
        try
        {
            var exit = await CliApp.RunAsync(args, new StringWriter(), new StringWriter(), journalObserver: crash);
            return crash.Fired ? null : exit;
        }
        catch (SimulatedCrash)
        {
            return null;
        }
    }

    private sealed class CrashAt(int after) : IJournalObserver
    {
        private int _writes;

        public bool Fired { get; private set; }

        public void Written()
        {
            if (++_writes == after)
            {
                Fired = true;
                throw new SimulatedCrash();
            }
        }
    }

    private sealed class SimulatedCrash : Exception;
}
