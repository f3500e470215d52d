namespace MediaLibrary.Cli;

/// <summary>mlm's exit codes, stable for scripts and cron (documented in README.md).</summary>
public static class ExitCodes
{
    /// <summary>Done, nothing went wrong.</summary>
    public const int Ok = 0;
    /// <summary>Done, but some paths could not be read (listed on stderr); everything else was stored.</summary>
    public const int PartialErrors = 1;
    /// <summary>Bad command line.</summary>
    public const int Usage = 2;
    /// <summary>Another mlm process holds the catalog.</summary>
    public const int CatalogBusy = 3;
    /// <summary>The catalog cannot be opened or written.</summary>
    public const int Failure = 4;
    /// <summary>The host could not be reached or refused the request.</summary>
    public const int HostUnavailable = 5;
    /// <summary>Interrupted (Ctrl+C, SIGTERM); what was stored is kept.</summary>
    public const int Interrupted = 130;
}
