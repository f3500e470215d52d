using System.CommandLine;
using MediaLibrary.Common.Catalog;

namespace MediaLibrary.Cli;

/// <summary>Options every command takes.</summary>
public sealed class GlobalOptions
{
    /// <summary>--catalog: the embedded catalog file.</summary>
    public Option<string> Catalog { get; } = new("--catalog")
    {
        Description = "Catalog file (default $MLM_CATALOG, else $XDG_DATA_HOME/mlm/catalog.db)",
        Recursive = true,
        DefaultValueFactory = _ => CatalogPaths.Default(),
    };

    /// <summary>--host: work against a host instead of the embedded catalog.</summary>
    public Option<string?> Host { get; } = new("--host")
    {
        Description = "Use a host (mlm-host) instead of the embedded catalog: NAME[:PORT] or http://NAME:PORT (gRPC port, default 8766)",
        Recursive = true,
    };

    /// <summary>Checks --host at parse time, so a bad address is a usage error (exit 2).</summary>
    public GlobalOptions()
    {
        Host.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>()))
            {
                result.AddError("--host needs an address (NAME[:PORT] or http://NAME:PORT)");
            }
            else if (result.GetValueOrDefault<string?>() is { Length: > 0 } text && Remote.HostAddress.Parse(text, out var error) is null)
            {
                result.AddError(error!);
            }
        });
        Catalog.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(path))
            {
                result.AddError("--catalog needs a file path (got an empty value)");
            }
            else if (Directory.Exists(path))
            {
                result.AddError($"--catalog {path}: is a directory, not a catalog file");
            }
        });
    }

    /// <summary>--debug: show stack traces of unexpected errors (also MLM_DEBUG=1).</summary>
    public Option<bool> Debug { get; } = new("--debug")
    {
        Description = "Show stack traces of unexpected errors (also MLM_DEBUG=1)",
        Recursive = true,
    };

    /// <summary>Told after every journal write; null in the product. The crash tests' harness
    /// (tests/FaultHarness) kills or interrupts the process there.</summary>
    public Common.Actions.IJournalObserver? JournalObserver { get; init; }

    /// <summary>--quiet: nothing on stdout but requested data; errors still go to stderr.</summary>
    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "No progress or summary (errors still go to stderr)",
        Recursive = true,
    };
}
