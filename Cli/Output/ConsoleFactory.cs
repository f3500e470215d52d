using Spectre.Console;

namespace MediaLibrary.Cli.Output;

/// <summary>Spectre consoles over the command's writers: tables for people, never markup from data.</summary>
public static class ConsoleFactory
{
    /// <summary>A console over <paramref name="writer"/>; when it is not a terminal, wide enough that
    /// long paths never wrap (a pipe or a file has no width).</summary>
    public static IAnsiConsole Over(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 4096;
        }
        return console;
    }

    /// <summary>True when <paramref name="writer"/> is the process's stdout or stderr and that is a terminal.</summary>
    public static bool IsTerminal(TextWriter writer) =>
        (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
        || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);
}
