using System.CommandLine;
using MediaLibrary.Cli.Commands;
using MediaLibrary.Common.Actions;
using MediaLibrary.Common.Catalog;

namespace MediaLibrary.Cli;

/// <summary>Builds mlm's command tree and runs it with stable exit codes. Tests call it in-process.</summary>
public static class CliApp
{
    /// <summary>Parses and runs <paramref name="args"/>; <paramref name="interactive"/> false means
    /// no progress display whatever the terminal (tests, and output captured by callers);
    /// <paramref name="journalObserver"/> is the crash tests' hook (null in the product).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive = false,
        IJournalObserver? journalObserver = null, CancellationToken cancellationToken = default)
    {
        var root = Build(interactive, journalObserver);
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (Exception e)
        {
            return await ReportUnexpectedAsync(e, args, error, ExitCodes.Usage);
        }
        var config = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C cancels; hashing checks the token every MiB and the writer commits what is done.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        };
        if (parse.Errors.Count > 0)
        {
            bool unrecognized = parse.UnmatchedTokens.Count > 0;
            foreach (var e in parse.Errors)
            {
                if (unrecognized && e.Message == "Required command was not provided.")
                {
                    continue; // the mistyped command says more
                }
                await error.WriteLineAsync("mlm: " + e.Message);
            }
            foreach (var token in parse.UnmatchedTokens)
            {
                if (Suggestions.For(parse, token) is { } suggestion)
                {
                    await error.WriteLineAsync($"mlm: did you mean '{suggestion}' instead of '{token}'?");
                }
            }
            await error.WriteLineAsync("Run 'mlm --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(config, cancellationToken);
        }
        catch (CatalogException e)
        {
            await error.WriteLineAsync("mlm: " + e.Message);
            return e.Busy ? ExitCodes.CatalogBusy : ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("mlm: interrupted; what was stored is kept");
            return ExitCodes.Interrupted;
        }
        catch (Grpc.Core.RpcException e)
        {
            await error.WriteLineAsync($"mlm: host error: {e.Status.Detail} ({e.StatusCode})");
            return ExitCodes.HostUnavailable;
        }
        catch (Exception e) when (e is LiteDB.LiteException or IOException or UnauthorizedAccessException)
        {
            // The catalog failed under a command (disk full, damaged page): a message, never a stack trace.
            await error.WriteLineAsync("mlm: catalog error: " + OneLine(e.Message));
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or NotSupportedException)
        {
            // Bad input found after parsing (a path the OS refuses, a number out of range): a usage error.
            return await ReportUnexpectedAsync(e, args, error, ExitCodes.Usage);
        }
        catch (Exception e)
        {
            return await ReportUnexpectedAsync(e, args, error, ExitCodes.Failure);
        }
    }

    /// <summary>One line on stderr; the stack trace only under --debug or MLM_DEBUG=1.</summary>
    private static async Task<int> ReportUnexpectedAsync(Exception e, string[] args, TextWriter error, int exitCode)
    {
        await error.WriteLineAsync("mlm: " + OneLine(e.Message));
        if (args.Contains("--debug") || Environment.GetEnvironmentVariable("MLM_DEBUG") is "1" or "true")
        {
            await error.WriteLineAsync(e.ToString());
        }
        return exitCode;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build(bool interactive, IJournalObserver? journalObserver = null)
    {
        var global = new GlobalOptions { JournalObserver = journalObserver };
        var root = new RootCommand("Media Library Manager: index media trees, find duplicates and junk.");
        root.Add(global.Catalog);
        root.Add(global.Quiet);
        root.Add(global.Host);
        root.Add(global.Debug);
        root.Add(ScanCommand.Create(global, interactive));
        root.Add(DupesCommand.Create(global));
        root.Add(JunkCommand.Create(global));
        root.Add(VerifyCommand.Create(global));
        root.Add(OrganizeCommand.Create(global));
        return root;
    }
}
