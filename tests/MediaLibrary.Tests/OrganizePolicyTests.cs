using System.Text.Json;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

/// <summary>The "better copy" and "trash" conflict policies, judged on real media ffprobe measures,
/// and the "target inside source" conflict.</summary>
[TestClass]
public sealed class OrganizePolicyTests
{
    private const string Template = "{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}{ext}";

    private static Dictionary<string, JsonElement> BySource(JsonElement plan) =>
        plan.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("source").GetString()!);

    private static string[] Organize(TempTree tree, string dest, params string[] extra) =>
        ["--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, tree.Files, .. extra];

    private static async Task<string> LastPlanAsync(TempTree tree)
    {
        var (_, plans, _) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "plans");
        return plans.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Split('\t')[0];
    }

    [TestMethod]
    public async Task Better_TwoSourcesToOneTarget_TheHigherResolutionTakesItAndTheOtherStays()
    {
        using var tree = new TempTree();
        // Names claim nothing: only ffprobe's measurement can tell them apart.
        var small = TestMedia.Video(tree.PathOf("a/Show.S01E01.mkv"), size: "320x240");
        var large = TestMedia.Video(tree.PathOf("b/Show.S01E01.mkv"), size: "640x480");
        var dest = Path.Combine(tree.Root, "library");
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", "--media", tree.Files);

        var plan = BySource(await CliRunner.JsonAsync(Organize(tree, dest, "--on-conflict", "better", "--json")));

        Assert.AreEqual(Path.Combine(dest, "Show/Season 01/Show - S01E01.mkv"), plan[large].GetProperty("target").GetString());
        Assert.AreEqual(JsonValueKind.Null, plan[large].GetProperty("conflict").ValueKind);
        StringAssert.Contains(plan[small].GetProperty("conflict").GetString(), $"kept where it is: {large} is better (480p");

        var (exit, _, error) = await CliRunner.RunAsync(Organize(tree, dest, "--on-conflict", "better", "--apply"));
        Assert.AreEqual(0, exit, error);
        Assert.IsTrue(File.Exists(small), "the worse copy stays where it was");
        Assert.IsFalse(File.Exists(large));
    }

    [TestMethod]
    public async Task Better_AWorseFileAlreadyAtTheTarget_GoesToTheTrashAndUndoBringsItBack()
    {
        using var tree = new TempTree();
        var dest = Path.Combine(tree.Root, "library");
        var incoming = TestMedia.Video(tree.PathOf("in/Show.S01E02.mkv"), size: "640x480");
        var incomingSub = tree.WriteRandom("in/Show.S01E02.en.srt", 100, 1);
        // Already in the library, unknown to the catalog: probed when the plan is made.
        var occupant = TestMedia.Video(Path.Combine(dest, "Show/Season 01/Show - S01E02.mkv"), "smptebars", size: "320x240");
        var occupantSub = Path.Combine(dest, "Show/Season 01/Show - S01E02.en.srt");
        File.WriteAllText(occupantSub, "the old subtitle");
        var occupantBytes = File.ReadAllBytes(occupant);
        var incomingBytes = File.ReadAllBytes(incoming);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", "--media", tree.Files);

        var skip = BySource(await CliRunner.JsonAsync(Organize(tree, dest, "--json")));
        Assert.AreEqual("target exists", skip[incoming].GetProperty("conflict").GetString(), "skip, the default, never replaces");

        var preview = await CliRunner.JsonAsync(Organize(tree, dest, "--on-conflict", "better", "--json"));
        var plan = BySource(preview);
        var trashed = plan[occupant].GetProperty("target").GetString()!;
        StringAssert.StartsWith(trashed, Path.Combine(dest, ".mlm-trash") + "/");
        StringAssert.Contains(plan[occupant].GetProperty("note").GetString(), "to the trash");
        Assert.IsTrue(plan.ContainsKey(occupantSub), "the old subtitle goes with the old video");
        Assert.AreEqual(occupant, plan[incoming].GetProperty("target").GetString());
        Assert.AreEqual(occupantSub, plan[incomingSub].GetProperty("target").GetString());
        var order = preview.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("source").GetString()).ToList();
        Assert.IsLessThan(order.IndexOf(incoming), order.IndexOf(occupant), "room is made before the better copy moves in");

        var (exit, output, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--apply", preview.GetProperty("plan_id").GetString()!);
        Assert.AreEqual(0, exit, error + output);
        CollectionAssert.AreEqual(incomingBytes, File.ReadAllBytes(occupant), "the better copy is at the target");
        CollectionAssert.AreEqual(occupantBytes, File.ReadAllBytes(trashed), "the worse copy is in the trash, intact");
        Assert.AreEqual("the old subtitle", File.ReadAllText(Path.ChangeExtension(trashed, null) + ".en.srt"));

        // Organizing again leaves the trash alone: it is not a source.
        var again = await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, "--on-conflict", "better",
            "--json");
        Assert.AreEqual(0, again.GetProperty("moves").GetInt32());

        (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "undo", preview.GetProperty("plan_id").GetString()!);
        Assert.AreEqual(0, exit, error);
        CollectionAssert.AreEqual(occupantBytes, File.ReadAllBytes(occupant), "undo puts the old copy back");
        CollectionAssert.AreEqual(incomingBytes, File.ReadAllBytes(incoming));
        Assert.IsTrue(File.Exists(incomingSub) && File.Exists(occupantSub));
    }

    [TestMethod]
    public async Task Better_ABetterFileAlreadyAtTheTarget_StaysAndTheSourceIsLeftAlone()
    {
        using var tree = new TempTree();
        var dest = Path.Combine(tree.Root, "library");
        var incoming = TestMedia.Video(tree.PathOf("in/Show.S01E03.mkv"), size: "320x240");
        TestMedia.Video(Path.Combine(dest, "Show/Season 01/Show - S01E03.mkv"), size: "640x480");
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", "--media", tree.Files);

        var plan = BySource(await CliRunner.JsonAsync(Organize(tree, dest, "--on-conflict", "better", "--json")));

        Assert.HasCount(1, plan);
        StringAssert.Contains(plan[incoming].GetProperty("conflict").GetString(), "is as good or better (480p");
    }

    [TestMethod]
    public async Task Trash_EveryWorseCopyGoesToTheTrash_AndNothingIsLost()
    {
        using var tree = new TempTree();
        var dest = Path.Combine(tree.Root, "library");
        var sd = tree.WriteRandom("a/Show.S02E01.480p.mkv", 3000, 1);
        var sdSub = tree.WriteRandom("a/Show.S02E01.480p.srt", 100, 2);
        var hd = tree.WriteRandom("b/Show.S02E01.1080p.mkv", 5000, 3);
        var mid = tree.WriteRandom("c/Show.S02E01.720p.mkv", 4000, 4);
        var trash = Path.Combine(tree.Root, "review");
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        var before = tree.Snapshot();

        var plan = BySource(await CliRunner.JsonAsync(Organize(tree, dest, "--on-conflict", "trash", "--trash", trash, "--json")));

        Assert.AreEqual(Path.Combine(dest, "Show/Season 02/Show - S02E01.mkv"), plan[hd].GetProperty("target").GetString());
        foreach (var loser in new[] { sd, sdSub, mid })
        {
            StringAssert.StartsWith(plan[loser].GetProperty("target").GetString(), trash + "/");
            StringAssert.EndsWith(plan[loser].GetProperty("target").GetString(), loser, "the trash keeps each file's whole original path");
        }
        StringAssert.Contains(plan[sd].GetProperty("note").GetString(), $"{hd} is better (1080p (from the name)");

        var (exit, _, error) = await CliRunner.RunAsync(Organize(tree, dest, "--on-conflict", "trash", "--trash", trash, "--apply"));
        Assert.AreEqual(0, exit, error);
        var after = tree.Snapshot(dest, trash);
        CollectionAssert.AreEquivalent(before.Values.ToList(), after.Values.ToList(), "every file exactly once, same bytes");
        Assert.IsEmpty(Directory.EnumerateFiles(tree.Files, "*", SearchOption.AllDirectories).ToList());
    }

    [TestMethod]
    public async Task TargetInsideASource_OrInsideAFile_IsAConflict()
    {
        using var tree = new TempTree();
        // The template makes a folder out of a name that is a file being organized...
        var episode = tree.WriteRandom("lib/Show.S01E01.mkv", 100, 1);
        var (exit, output, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        Assert.AreEqual(0, exit, error);
        var inside = BySource(await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template",
            "{show}.S{season:02d}E{episodes:02d}{ext}/{show}{ext}", "--dest", tree.PathOf("lib"), "--json"));
        StringAssert.StartsWith(inside[episode].GetProperty("conflict").GetString(), "target inside source");

        // ...or out of a file that is already there.
        var dest = Path.Combine(tree.Root, "library");
        Directory.CreateDirectory(dest);
        File.WriteAllText(Path.Combine(dest, "Show"), "a file named like the show's folder");
        var onFile = BySource(await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, "--json"));
        StringAssert.StartsWith(onFile[episode].GetProperty("conflict").GetString(), "target inside a file");
        (exit, output, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, "--apply");
        Assert.AreEqual(0, exit, error + output);
        Assert.IsTrue(File.Exists(episode));
    }
}
