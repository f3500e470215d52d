using MediaLibrary.Cli;
using MediaLibrary.FaultHarness;

// mlm-fault crash|interrupt N MLM-ARGS...: runs mlm, and after the Nth journal write kills the
// process as a power cut would (crash) or sends it a real SIGINT as Ctrl+C would (interrupt).
if (args.Length < 2 || args[0] is not ("crash" or "interrupt") || !int.TryParse(args[1], out var after))
{
    Console.Error.WriteLine("usage: mlm-fault crash|interrupt N MLM-ARGS...");
    return 2;
}
return await CliApp.RunAsync(args[2..], Console.Out, Console.Error, interactive: false, journalObserver: new FaultAfterWrites(args[0], after));
