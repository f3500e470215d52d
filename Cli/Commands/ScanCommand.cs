using System.CommandLine;
using MediaLibrary.Cli.Output;
using MediaLibrary.Cli.Remote;
using MediaLibrary.Common.Ingest;
using MediaLibrary.Contracts.V1;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Scanning;
using MediaLibrary.Common.Walking;

namespace MediaLibrary.Cli.Commands;

/// <summary><c>mlm scan PATH...</c>: index trees into the catalog.</summary>
public static class ScanCommand
{
    private const int MaxPrintedErrors = 50;

    /// <summary>The command.</summary>
    public static Command Create(GlobalOptions global, bool interactive)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Folders or files to index", Arity = ArgumentArity.OneOrMore }.Checked(mustExist: false);
        var fullHash = new Option<bool>("--full-hash") { Description = "Also hash large files whole now (otherwise 'mlm dupes' does it for candidates only)" };
        var follow = new Option<bool>("--follow-symlinks") { Description = "Follow symlinks (loops are detected and skipped)" };
        var workers = new Option<int>("--workers") { Description = "Files hashed at once", DefaultValueFactory = _ => Math.Max(2, Environment.ProcessorCount) };
        var algo = new Option<string>("--algo") { Description = "Hash algorithm", DefaultValueFactory = _ => HashAlgorithmName.Default };
        algo.AcceptOnlyFromAmong([.. HashAlgorithmName.All]);
        var sampleSize = SizeOption.Create("--sample-size", "Bytes per hash sample (head, middle, tail)", HashParameters.DefaultSampleSize);
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var media = new Option<bool>("--media") { Description = "Then ffprobe and fingerprint new or changed videos (for 'mlm dupes --near')" };

        var command = new Command("scan", "Index folders into the catalog: classify, hash, record identity")
        {
            paths, fullHash, follow, workers, algo, sampleSize, json, media,
        };
        workers.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 256)
            {
                r.AddError("--workers must be between 1 and 256");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            bool quiet = parse.GetValue(global.Quiet);
            HashParameters hashing;
            try
            {
                hashing = new HashParameters(parse.GetValue(algo)!, (int)Math.Min(int.MaxValue, parse.GetValue(sampleSize))).Validate();
            }
            catch (ArgumentException e)
            {
                await error.WriteLineAsync("mlm: " + e.Message);
                return ExitCodes.Usage;
            }
            var options = new ScanOptions
            {
                Hashing = hashing,
                Walk = new WalkOptions(parse.GetValue(follow)),
                Workers = parse.GetValue(workers),
                FullHash = parse.GetValue(fullHash),
            };
            using var host = HostOption.Connect(parse, global);
            if (host is not null && parse.GetValue(media))
            {
                // The host's agents probe and fingerprint (pass 2, off-peak); a one-off scan sent there does not.
                await error.WriteLineAsync("mlm: --media works on the embedded catalog; with --host, run mlm-agent instead");
                return ExitCodes.Usage;
            }
            IScanTarget target;
            IDisposable targetScope;
            if (host is not null)
            {
                // Scan as the host's agents do: its classification and hash settings, its batch size.
                var agent = Environment.MachineName;
                var config = await host.Ingest.GetConfigAsync(new ConfigRequest { Agent = agent }, cancellationToken: ct);
                options = options with
                {
                    Source = agent,
                    Classifier = ConfigMapping.ToClassifierSettings(config),
                    Hashing = ConfigMapping.ToHashParameters(config),
                    WriteBatchSize = Math.Clamp(config.BatchSize, 1, 10_000),
                };
                var remote = new HostScanTarget(host.Ingest, agent, r =>
                {
                    lock (error)
                    {
                        error.WriteLine($"mlm: host refused {DisplayText.Escape(r.Path)}: {r.Reason}");
                    }
                });
                target = remote;
                targetScope = remote;
            }
            else
            {
                var store = CatalogStore.Open(parse.GetValue(global.Catalog)!);
                target = store;
                targetScope = store;
            }
            using var scope = targetScope;
            int printed = 0;
            var indexer = new ScanIndexer(target, options)
            {
                OnError = e =>
                {
                    if (Interlocked.Increment(ref printed) <= MaxPrintedErrors)
                    {
                        lock (error)
                        {
                            error.WriteLine($"mlm: {DisplayText.Escape(e.Path)}: {e.Reason}");
                        }
                    }
                },
            };
            var run = indexer.RunAsync(parse.GetValue(paths)!, ct);
            if (interactive && !quiet && ConsoleFactory.IsTerminal(error))
            {
                await ScanProgressDisplay.ShowAsync(ConsoleFactory.Over(error, terminal: true), indexer, run);
            }
            var result = await run;
            if (parse.GetValue(media) && target is CatalogStore local && !result.Cancelled)
            {
                var describer = new Common.Probing.VideoDescriber(new Common.Probing.MediaProber(TimeSpan.FromSeconds(30)),
                    new Common.Probing.VideoFingerprinter(TimeSpan.FromSeconds(120)), fingerprints: true);
                var pass = new Common.Probing.MediaPass(local, describer, options.Workers);
                await pass.RunAsync(options.Source, parse.GetValue(paths)!, ct);
                if (!quiet && !parse.GetValue(json))
                {
                    await output.WriteLineAsync($"Probed {pass.Probed} videos, fingerprinted {pass.Fingerprinted}.");
                }
            }
            if (result.Progress.Errors > MaxPrintedErrors)
            {
                await error.WriteLineAsync($"mlm: ... and {result.Progress.Errors - MaxPrintedErrors} more errors");
            }
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonReports.Scan(result, host?.Address.ToString() ?? target.Path));
            }
            else if (!quiet)
            {
                await output.WriteLineAsync(ScanSummary.Format(result));
            }
            if (result.Cancelled)
            {
                return ExitCodes.Interrupted;
            }
            return result.Progress.Errors > 0 ? ExitCodes.PartialErrors : ExitCodes.Ok;
        });
        return command;
    }
}
