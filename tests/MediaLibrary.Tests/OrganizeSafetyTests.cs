using System.Text.Json;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

/// <summary>The organizer's harder cases: the same file under two paths, a better copy that cannot
/// come, sidecars whose video stays, undo that meets an obstacle, and what a power cut leaves.</summary>
[TestClass]
public sealed class OrganizeSafetyTests
{
    private const string Template = "{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}{ext}";

    private static Dictionary<string, JsonElement> BySource(JsonElement plan) =>
        plan.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("source").GetString()!);

    [TestMethod]
    public async Task ALibraryScannedThroughASymlink_IsInPlace_NotTrashedAsItsOwnWorseCopy()
    {
        using var tree = new TempTree();
        var real = tree.PathOf("real");
        tree.WriteRandom("real/Show/Season 01/Show - S01E01.mkv", 1000, 1);
        tree.WriteRandom("real/Show/Season 01/Show - S01E02.mkv", 1000, 2);
        var link = tree.PathOf("link");
        File.CreateSymbolicLink(link, real);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", link);

        foreach (var policy in new[] { "skip", "better", "trash" })
        {
            var plan = await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template", Template, "--dest", real, "--on-conflict", policy,
                "--json", link);
            Assert.AreEqual(0, plan.GetProperty("moves").GetInt32(), policy);
            Assert.IsTrue(plan.GetProperty("entries").EnumerateArray().All(e => e.GetProperty("in_place").GetBoolean()), policy);
        }
        Assert.IsFalse(Directory.Exists(Path.Combine(real, ".mlm-trash")));
    }

    [TestMethod]
    public async Task ABetterCopyThatCannotCome_LeavesTheWorseOneInThePreview()
    {
        using var tree = new TempTree();
        var dest = Path.Combine("/dev/shm", "mlm-test-" + Guid.NewGuid().ToString("N")[..8]);
        using var cleanup = new DeleteOnDispose(dest);
        tree.WriteRandom("in/Show.S01E01.1080p.mkv", 5000, 1);
        var occupant = Path.Combine(dest, "Show/Season 01/Show - S01E01.mkv");
        Directory.CreateDirectory(Path.GetDirectoryName(occupant)!);
        File.WriteAllBytes(occupant, TempTree.RandomBytes(100, 2));
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        // A hardlink cannot cross to tmpfs: the better copy cannot come, so the worse one must not go.
        var plan = BySource(await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, "--on-conflict",
            "better", "--mode", "hardlink", "--json", tree.Files));

        StringAssert.StartsWith(plan[occupant].GetProperty("conflict").GetString(), "kept: the better copy");
        var (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, "--on-conflict",
            "better", "--mode", "hardlink", "--apply", tree.Files);
        Assert.AreEqual(0, exit, error);
        Assert.IsTrue(File.Exists(occupant), "the library keeps its file");
    }

    [TestMethod]
    public async Task ABetterCopyThatChangedAfterThePreview_PutsTheWorseOneBack_AndItsSubtitleStays()
    {
        using var tree = new TempTree();
        var dest = Path.Combine(tree.Root, "library");
        var better = tree.WriteRandom("in/Show.S01E01.1080p.mkv", 5000, 1);
        var betterSub = tree.WriteRandom("in/Show.S01E01.1080p.en.srt", 50, 2);
        var occupant = Path.Combine(dest, "Show/Season 01/Show - S01E01.mkv");
        Directory.CreateDirectory(Path.GetDirectoryName(occupant)!);
        File.WriteAllBytes(occupant, TempTree.RandomBytes(100, 3));
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        var preview = await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, "--on-conflict", "better",
            "--json", tree.Files);
        Assert.AreEqual(3, preview.GetProperty("moves").GetInt32(), "occupant to the trash, video and subtitle in");

        File.AppendAllText(better, "changed after the preview");
        var (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--apply", preview.GetProperty("plan_id").GetString()!);

        Assert.AreEqual(1, exit, error);
        Assert.IsTrue(File.Exists(occupant), "the worse copy was put back: the library keeps its file");
        Assert.IsTrue(File.Exists(better) && File.Exists(betterSub), "the changed video and its subtitle stay together");
        StringAssert.Contains(error, $"{betterSub}: skipped: its video did not move");
        var shown = await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "show", preview.GetProperty("plan_id").GetString()!, "--json");
        StringAssert.StartsWith(BySource(shown)[occupant].GetProperty("state").GetString(), "undone: put back");
    }

    [TestMethod]
    public async Task AWorseCopyGoesToTheTrashWithItsOwnSubtitles_NotAnotherVideos()
    {
        using var tree = new TempTree();
        var dest = Path.Combine(tree.Root, "library");
        tree.WriteRandom("in/Film.2001.1080p.mkv", 5000, 1);
        Directory.CreateDirectory(dest);
        var occupant = Path.Combine(dest, "Film (2001).mkv");
        var ownSub = Path.Combine(dest, "Film (2001).en.srt");
        var otherVideo = Path.Combine(dest, "Film (2001).Part2.mkv");
        var otherSub = Path.Combine(dest, "Film (2001).Part2.en.srt");
        foreach (var f in new[] { occupant, ownSub, otherVideo, otherSub })
        {
            File.WriteAllText(f, f);
        }
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var plan = BySource(await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template", "{title} ({year}){ext}", "--dest", dest,
            "--on-conflict", "better", "--json", tree.Files));

        Assert.IsTrue(plan[occupant].GetProperty("target").GetString()!.Contains(".mlm-trash", StringComparison.Ordinal));
        Assert.IsTrue(plan[ownSub].GetProperty("target").GetString()!.Contains(".mlm-trash", StringComparison.Ordinal));
        Assert.IsFalse(plan.ContainsKey(otherSub), "Part2's subtitle belongs to Part2");
    }

    [TestMethod]
    public async Task AnUndoThatMeetsAnObstacle_ExitsOne_AndCanBeRunAgain()
    {
        using var tree = new TempTree();
        var dest = Path.Combine(tree.Root, "library");
        var source = tree.WriteRandom("in/Show.S01E01.mkv", 1000, 1);
        var bytes = File.ReadAllBytes(source);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        var (_, output, _) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, "--apply", tree.Files);
        var plan = output.Split(' ')[2].TrimEnd(':');
        File.WriteAllText(source, "a new file where the old one was");

        var (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "undo", plan);
        Assert.AreEqual(1, exit, "something could not go back");
        StringAssert.Contains(error, "undo-skipped: target exists");
        Assert.IsTrue(File.Exists(Path.Combine(dest, "Show/Season 01/Show - S01E01.mkv")), "kept where the plan put it, not lost");

        File.Delete(source);
        (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "undo", plan);
        Assert.AreEqual(0, exit, error);
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(source));
    }

    [TestMethod]
    public async Task APowerCutThatKeptTheSourcesRemovalButLostTheCopysRename_IsRepairedFromTheCopy()
    {
        using var tree = new TempTree();
        var dest = Path.Combine("/dev/shm", "mlm-test-" + Guid.NewGuid().ToString("N")[..8]);
        using var cleanup = new DeleteOnDispose(dest);
        var source = tree.WriteRandom("in/Show.S01E01.mkv", 200_000, 1);
        var bytes = File.ReadAllBytes(source);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        // Journal writes: applying, moving, copying, copied. Killed right after "copied" was written
        // (the copy is renamed into place, the source not yet removed)...
        await Faults.RunProcessAsync("crash", 4, ["--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, "--apply", tree.Files]);
        var target = Path.Combine(dest, "Show/Season 01/Show - S01E01.mkv");
        Assert.IsTrue(File.Exists(target) && File.Exists(source), "killed between the rename and the removal");
        // ...then the disk as a power cut may leave it: the source's removal kept, the rename lost.
        // (The plan id is read from the catalog file itself: any mlm command would recover first.)
        var planId = PlanIdIn(tree.Catalog);
        var partial = Path.Combine(Path.GetDirectoryName(target)!, $".{planId}-000000.mlm-partial");
        File.Move(target, partial);
        File.Delete(source);

        var (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "plans");

        Assert.AreEqual(0, exit, error);
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(target), "the flushed copy became the file");
        Assert.IsFalse(File.Exists(partial));
    }

    private static string PlanIdIn(string catalog)
    {
        using var db = new LiteDB.LiteDatabase($"Filename={catalog};Connection=direct");
        return db.GetCollection("organize_plans").FindAll().Single()["_id"].AsString;
    }
}
