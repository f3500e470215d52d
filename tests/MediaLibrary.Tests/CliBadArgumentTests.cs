using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

/// <summary>No input ends in a stack trace: every command with bad arguments exits with its
/// documented code and a one-line "mlm: ..." message.</summary>
[TestClass]
public sealed class CliBadArgumentTests
{
    private static IEnumerable<(string[] Args, int Exit)> Cases(TempTree tree)
    {
        string dir = tree.Files;
        string missing = Path.Combine(tree.Files, "no-such-file");
        string[] workerCommands = ["scan", "dupes", "verify"];
        foreach (var command in workerCommands)
        {
            foreach (var bad in new[] { "", "abc", "-1", "0", "99999999999", "１２" })
            {
                yield return (["--catalog", tree.Catalog, command, "--workers", bad], 2);
            }
        }
        foreach (var bad in new[] { "", "abc", "-5", "99999999999999999999T" })
        {
            yield return (["--catalog", tree.Catalog, "dupes", "--min-size", bad], 2);
            yield return (["--catalog", tree.Catalog, "scan", "--sample-size", bad, dir], 2);
        }
        foreach (var command in new[] { "dupes", "junk", "verify", "scan", "organize" })
        {
            yield return (["--catalog", "", command], 2);
            yield return (["--catalog", dir, command], 2);
            yield return (["--catalog", tree.Catalog, command, "--no-such-option"], 2);
        }
        yield return (["dupse"], 2);
        yield return (["--catalog", tree.Catalog, "scan", "--algo", "nope", dir], 2);
        yield return (["--catalog", tree.Catalog, "organize", "--mode", "teleport"], 2);
        yield return (["--catalog", tree.Catalog, "organize", "--on-conflict", "maybe"], 2);
        yield return (["--host", "", "dupes"], 2);
        yield return (["--host", "http://:-1", "dupes"], 2);
        yield return (["--catalog", tree.Catalog, "organize", "--apply", missing], -1);
        yield return (["--catalog", tree.Catalog, "organize", "--apply", dir], -1);
    }

    [TestMethod]
    public async Task EveryCommandWithBadArguments_ExitsWithAMessageNeverATrace()
    {
        using var tree = new TempTree();
        tree.WriteRandom("a.mkv", 1000, 1);
        var failures = new List<string>();
        foreach (var (args, expected) in Cases(tree))
        {
            var (exit, output, error) = await CliRunner.RunAsync(args);
            var shown = "mlm " + string.Join(' ', args.Select(a => a.Length == 0 ? "\"\"" : a));
            if (expected >= 0 ? exit != expected : exit == 0)
            {
                failures.Add($"{shown}: exit {exit}, expected {(expected >= 0 ? expected : "non-zero")}; {error.Trim()}");
            }
            if ((output + error).Contains("   at "))
            {
                failures.Add($"{shown}: stack trace: {error}");
            }
            var first = error.Split('\n')[0];
            if (!first.StartsWith("mlm: ", StringComparison.Ordinal))
            {
                failures.Add($"{shown}: first stderr line is not 'mlm: ...': '{first}'");
            }
        }
        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
    }

    [TestMethod]
    public async Task DebugShowsTheTrace_OnlyWhenAsked()
    {
        using var tree = new TempTree();
        var (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "verify", "--workers", "0");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--workers must be between 1 and 256");
    }
}

[TestClass]
public sealed class CliSuggestionTests
{
    [TestMethod]
    [DataRow("dupse", "'dupes'")]
    [DataRow("vrify", "'verify'")]
    public async Task MistypedCommand_GetsASuggestion(string typed, string expected)
    {
        var (exit, _, error) = await CliRunner.RunAsync(typed);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "did you mean " + expected);
        Assert.IsFalse(error.Contains("Required command"), error);
    }

    [TestMethod]
    public async Task MistypedOption_GetsASuggestion()
    {
        using var tree = new TempTree();
        var (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "dupes", "--nera");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "did you mean '--near'");
    }

    [TestMethod]
    public async Task VerifyOfAMissingPath_IsRefusedNamingIt()
    {
        using var tree = new TempTree();
        var missing = Path.Combine(tree.Files, "nonexistent");
        var (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "verify", missing);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, missing + ": no such file or directory");
    }
}
