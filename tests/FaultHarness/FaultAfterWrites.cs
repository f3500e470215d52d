using System.Globalization;
using MediaLibrary.Common.Actions;

namespace MediaLibrary.FaultHarness;

/// <summary>Counts journal writes and, at the chosen one, crashes the process or interrupts it.</summary>
internal sealed class FaultAfterWrites(string fault, int after) : IJournalObserver
{
    private int _writes;

    public void Written()
    {
        if (++_writes != after)
        {
            return;
        }
        if (fault == "crash")
        {
            Environment.FailFast("crash injection");
        }
        // A real SIGINT, through the kernel, as a terminal sends it.
        using var kill = System.Diagnostics.Process.Start("kill", ["-INT", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Thread.Sleep(200); // the runtime's signal thread cancels the token meanwhile
    }
}
