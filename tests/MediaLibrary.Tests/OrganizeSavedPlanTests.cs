using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

/// <summary>Preview, then `--apply PLAN`: the saved plan is what moves, and what changed since is skipped.</summary>
[TestClass]
public sealed class OrganizeSavedPlanTests
{
    private const string Template = "{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}{ext}";

    private static string[] Preview(TempTree tree, string dest, params string[] extra) =>
        ["--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, tree.Files, .. extra];

    [TestMethod]
    public async Task ApplyById_MovesWhatThePreviewShowed_Once()
    {
        using var tree = new TempTree();
        var dest = Path.Combine(tree.Root, "library");
        var ep = tree.WriteRandom("in/Show.S01E01.mkv", 1000, 1);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var (exit, output, error) = await CliRunner.RunAsync(Preview(tree, dest));
        Assert.AreEqual(0, exit, error);
        var planId = output.Split("Apply it: mlm organize --apply ")[1].Trim();
        Assert.IsTrue(File.Exists(ep), "a preview moves nothing");
        // A file that arrives after the preview is not part of the saved plan.
        var late = tree.WriteRandom("in/Show.S01E02.mkv", 1000, 2);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        (exit, output, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--apply", planId);
        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, $"Applied plan {planId}: 1 files (move)");
        Assert.IsTrue(File.Exists(Path.Combine(dest, "Show/Season 01/Show - S01E01.mkv")));
        Assert.IsTrue(File.Exists(late), "only what the preview showed moves");

        var shown = await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "show", planId, "--json");
        Assert.AreEqual("applied", shown.GetProperty("status").GetString());
        Assert.AreEqual("done", shown.GetProperty("entries")[0].GetProperty("state").GetString());

        (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--apply", planId);
        Assert.AreEqual(2, exit, "a plan is applied once");
        StringAssert.Contains(error, "is applied");
        (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--apply", "0123456789");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "no plan");
        (exit, _, _) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--apply", planId, "--mode", "copy");
        Assert.AreEqual(2, exit, "the mode is part of the saved plan");
    }

    [TestMethod]
    public async Task ApplyById_SkipsSourcesThatChangedSinceThePreview_AndSaysSo()
    {
        using var tree = new TempTree();
        var dest = Path.Combine(tree.Root, "library");
        var changed = tree.WriteRandom("in/Show.S01E01.mkv", 1000, 1);
        var replaced = tree.WriteRandom("in/Show.S01E02.mkv", 1000, 2);
        var steady = tree.WriteRandom("in/Show.S01E03.mkv", 1000, 3);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        var preview = await CliRunner.JsonAsync(Preview(tree, dest, "--json"));
        var planId = preview.GetProperty("plan_id").GetString()!;
        Assert.AreEqual(3, preview.GetProperty("moves").GetInt32());

        File.AppendAllText(changed, "edited after the preview");
        File.Delete(replaced);
        File.WriteAllText(replaced, "another file under the same name");

        var (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--apply", planId);
        Assert.AreEqual(1, exit, "something was skipped");
        StringAssert.Contains(error, $"{changed}: skipped: the source changed since the plan was made");
        StringAssert.Contains(error, $"{replaced}: skipped: the source changed since the plan was made");
        Assert.IsTrue(File.Exists(changed) && File.Exists(replaced), "changed files stay where they are");
        Assert.IsFalse(File.Exists(steady));
        Assert.IsTrue(File.Exists(Path.Combine(dest, "Show/Season 01/Show - S01E03.mkv")));
    }

    [TestMethod]
    public async Task ApplyFollowedByAFolder_ReadsTheFolderAsAPath()
    {
        using var tree = new TempTree();
        var dest = Path.Combine(tree.Root, "library");
        tree.WriteRandom("in/Show.S01E01.mkv", 100, 1);
        var other = tree.WriteRandom("other/Show.S01E02.mkv", 100, 2);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var (exit, output, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, "--apply",
            tree.PathOf("in"));

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "1 files (move)");
        Assert.IsTrue(File.Exists(other), "only the folder given was organized");
    }

    [TestMethod]
    public async Task Organize_WithHost_IsAUsageError_AndQuietPrintsNothing()
    {
        using var tree = new TempTree();
        tree.WriteRandom("in/Show.S01E01.mkv", 100, 1);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var (exit, _, error) = await CliRunner.RunAsync(["--host", "127.0.0.1:1", .. Preview(tree, Path.Combine(tree.Root, "library"))]);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "does not work with --host");
        var (quietExit, output, quietError) = await CliRunner.RunAsync(["-q", .. Preview(tree, Path.Combine(tree.Root, "library"))]);
        Assert.AreEqual(0, quietExit, quietError);
        Assert.AreEqual("", output, "quiet under cron");
    }

    [TestMethod]
    public async Task ApplyWithSomethingThatIsNotAPlanId_SaysSo()
    {
        using var tree = new TempTree();
        var (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--apply", "last-night");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "'last-night' is not a plan id");
    }

    [TestMethod]
    public async Task Previews_AreListedAndOnlyTheNewestAreKept()
    {
        using var tree = new TempTree();
        var dest = Path.Combine(tree.Root, "library");
        tree.WriteRandom("in/Show.S01E01.mkv", 100, 1);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        for (int i = 0; i < 12; i++)
        {
            await CliRunner.RunAsync(Preview(tree, dest, "--json"));
        }

        var list = await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "plans", "--json");

        var plans = list.GetProperty("plans").EnumerateArray().ToList();
        Assert.HasCount(10, plans, "previews beyond the newest ten are dropped");
        Assert.IsTrue(plans.All(p => p.GetProperty("status").GetString() == "planned" && p.GetProperty("moves").GetInt32() == 1));
    }
}
