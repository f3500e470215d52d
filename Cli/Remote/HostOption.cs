using System.CommandLine;

namespace MediaLibrary.Cli.Remote;

/// <summary>Resolves --host for a command.</summary>
public static class HostOption
{
    /// <summary>Null when --host was not given (its value was checked at parse time: see GlobalOptions).</summary>
    public static HostClients? Connect(ParseResult parse, GlobalOptions global) =>
        parse.GetValue(global.Host) is { Length: > 0 } text && HostAddress.Parse(text, out _) is { } uri ? new HostClients(uri) : null;
}
