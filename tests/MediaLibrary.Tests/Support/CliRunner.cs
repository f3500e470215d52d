using System.Text.Json;
using MediaLibrary.Cli;

namespace MediaLibrary.Tests.Support;

/// <summary>Runs mlm in-process with its output captured, as a script would see it.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs and parses stdout as JSON, failing with stderr when the command failed.</summary>
    public static async Task<JsonElement> JsonAsync(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.AreEqual(0, exit, $"mlm {string.Join(' ', args)} failed: {error}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
