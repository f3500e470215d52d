using System.CommandLine;

namespace MediaLibrary.Cli.Remote;

/// <summary>Resolves --host for a command.</summary>
public static class HostOption
{
    /// <summary>Null when --host was not given; throws <see cref="ArgumentException"/> when it is not an address.</summary>
    public static HostClients? Connect(ParseResult parse, GlobalOptions global)
    {
        if (parse.GetValue(global.Host) is not { Length: > 0 } text)
        {
            return null;
        }
        var uri = HostAddress.Parse(text, out var error) ?? throw new ArgumentException(error);
        return new HostClients(uri);
    }
}
