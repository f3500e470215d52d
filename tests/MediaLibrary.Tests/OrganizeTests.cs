using System.Text.Json;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class OrganizeTests
{
    private const string Template = "{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}[ - {episode_title}]{ext}";

    private static Dictionary<string, JsonElement> BySource(JsonElement plan) =>
        plan.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("source").GetString()!);

    [TestMethod]
    public async Task Organize_PlansEpisodesAndTheirSubtitlesWithoutMovingAnything()
    {
        using var tree = new TempTree();
        var ep = tree.WriteRandom("in/Breaking.Bad.S05E14.Ozymandias.1080p.BluRay.x265-RARBG.mkv", 1000, 1);
        var sub = tree.WriteRandom("in/Breaking.Bad.S05E14.Ozymandias.1080p.BluRay.x265-RARBG.en.srt", 100, 2);
        var dest = Path.Combine(tree.Root, "library");
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var plan = await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, "--json");

        var entries = BySource(plan);
        Assert.AreEqual(Path.Combine(dest, "Breaking Bad/Season 05/Breaking Bad - S05E14 - Ozymandias.mkv"), entries[ep].GetProperty("target").GetString());
        Assert.AreEqual(Path.Combine(dest, "Breaking Bad/Season 05/Breaking Bad - S05E14 - Ozymandias.en.srt"), entries[sub].GetProperty("target").GetString());
        Assert.AreEqual(ep, entries[sub].GetProperty("sidecar_of").GetString());
        Assert.AreEqual(2, plan.GetProperty("moves").GetInt32());
        Assert.IsTrue(File.Exists(ep) && File.Exists(sub) && !Directory.Exists(dest), "a dry run moves nothing");
    }

    [TestMethod]
    public async Task Organize_NamesEveryConflictAndNeverPlansAnOverwrite()
    {
        using var tree = new TempTree();
        var dest = Path.Combine(tree.Root, "library");
        var a = tree.WriteRandom("in/Show.S01E01.720p.mkv", 10, 1);
        var b = tree.WriteRandom("in/other/Show.S01E01.1080p.mkv", 10, 2);
        var c = tree.WriteRandom("in/Show.S01E02.mkv", 10, 3);
        Directory.CreateDirectory(Path.Combine(dest, "Show/Season 01"));
        File.WriteAllText(Path.Combine(dest, "Show/Season 01/Show - S01E02.mkv"), "someone else's file");
        var unknown = tree.WriteRandom("in/random.mkv", 10, 4);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var skip = BySource(await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, "--json"));
        var suffix = BySource(await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, "--on-conflict",
            "suffix", "--json"));

        StringAssert.Contains(skip[a].GetProperty("conflict").GetString() ?? skip[b].GetProperty("conflict").GetString(), "two sources to one target");
        Assert.AreEqual("target exists", skip[c].GetProperty("conflict").GetString());
        StringAssert.Contains(skip[unknown].GetProperty("conflict").GetString(), "could not be filled");
        Assert.AreEqual(Path.Combine(dest, "Show/Season 01/Show - S01E02 (2).mkv"), suffix[c].GetProperty("target").GetString());
        Assert.AreEqual(JsonValueKind.Null, suffix[c].GetProperty("conflict").ValueKind);
        var targets = suffix.Values.Where(e => e.GetProperty("conflict").ValueKind == JsonValueKind.Null).Select(e =>
            e.GetProperty("target").GetString()).ToList();
        Assert.HasCount(targets.Count, targets.Distinct(), "no two moves share a target");
    }

    [TestMethod]
    public async Task Organize_ASidecarFollowsTheVideoWithTheLongestMatchingStem()
    {
        using var tree = new TempTree();
        var part1 = tree.WriteRandom("in/Film.2001.mkv", 10, 1);
        var part2 = tree.WriteRandom("in/Film.2001.Part2.mkv", 10, 2);
        var sub1 = tree.WriteRandom("in/Film.2001.en.srt", 10, 3);
        var sub2 = tree.WriteRandom("in/Film.2001.Part2.srt", 10, 4);
        var dest = Path.Combine(tree.Root, "library");
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var plan = await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template", "{title}/{title} ({year})[ {edition}]{ext}", "--dest",
            dest, "--on-conflict", "suffix", "--json");

        var entries = plan.GetProperty("entries").EnumerateArray().ToList();
        Assert.HasCount(4, entries, "each sidecar is planned once");
        var bySource = BySource(plan);
        Assert.AreEqual(part1, bySource[sub1].GetProperty("sidecar_of").GetString());
        Assert.AreEqual(part2, bySource[sub2].GetProperty("sidecar_of").GetString());
        Assert.AreEqual(Path.ChangeExtension(bySource[part2].GetProperty("target").GetString(), ".srt"), bySource[sub2].GetProperty("target").GetString(),
            "the sidecar takes its video's suffixed name");
    }

    [TestMethod]
    public async Task Organize_AFileAlreadyInPlace_StaysInPlace()
    {
        using var tree = new TempTree();
        var dest = tree.Files;
        var source = tree.WriteRandom("show/Season 01/show - S01E01.mkv", 10, 1);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var plan = BySource(await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template",
            "{show}/Season {season:02d}/{show} - S{season:02d}E{episode:02d}{ext}", "--dest", dest, "--json"));

        Assert.AreEqual(JsonValueKind.Null, plan[source].GetProperty("conflict").ValueKind, "a lower-case show stays lower-case: in place");
        Assert.IsTrue(plan[source].GetProperty("in_place").GetBoolean());
    }

    [TestMethod]
    public async Task Organize_ACopyToAFileSystemWithoutRoom_IsAConflict_ARenameNeedsNone()
    {
        using var tree = new TempTree();
        // A sparse file larger than all of /dev/shm's free space: no bytes on disk, a real size.
        var dest = Path.Combine("/dev/shm", "mlm-test-" + Guid.NewGuid().ToString("N")[..8]);
        var huge = tree.PathOf("in/Huge.Film.2001.mkv");
        Directory.CreateDirectory(Path.GetDirectoryName(huge)!);
        using (var f = File.Create(huge))
        {
            f.SetLength(new DriveInfo("/dev/shm").AvailableFreeSpace + (1L << 30));
            f.Write("not really a film"u8);
        }
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var across = BySource(await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template", "{title} ({year}){ext}", "--dest", dest,
            "--json"));
        var within = BySource(await CliRunner.JsonAsync("--catalog", tree.Catalog, "organize", "--template", "{title} ({year}){ext}", "--dest",
            Path.Combine(tree.Root, "library"), "--json"));

        StringAssert.StartsWith(across[huge].GetProperty("conflict").GetString(), "not enough free space at /dev/shm");
        Assert.AreEqual(JsonValueKind.Null, within[huge].GetProperty("conflict").ValueKind, "a rename within the file system needs no room");
        Assert.IsFalse(Directory.Exists(dest));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task Organize_TheCatalogFollowsTheMoves_SoNothingIsHashedAgain(bool crossDevice)
    {
        using var tree = new TempTree();
        var same = TempTree.RandomBytes(300_000, 7);
        tree.Write("in/Show.S01E01.mkv", same);
        tree.Write("in/Show.S01E02.mkv", same);
        // Across file systems (tmpfs) the moved file is a copy: it keeps the source's mtime, as mv does.
        var dest = crossDevice ? Path.Combine("/dev/shm", "mlm-test-" + Guid.NewGuid().ToString("N")[..8]) : Path.Combine(tree.Root, "library");
        using var cleanup = new DeleteOnDispose(crossDevice ? dest : null);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        var before = await CliRunner.JsonAsync("--catalog", tree.Catalog, "dupes", "--json");
        Assert.AreEqual(1, before.GetProperty("group_count").GetInt32());

        var (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--template",
            "{show}/{show} - S{season:02d}E{episodes:02d}{ext}", "--dest", dest, "--apply", tree.Files);
        Assert.AreEqual(0, exit, error);

        var rescan = await CliRunner.JsonAsync("--catalog", tree.Catalog, "scan", "--json", dest);
        Assert.AreEqual(2, rescan.GetProperty("unchanged").GetInt32(), "the moved files are known under their new paths");
        Assert.AreEqual(0, rescan.GetProperty("bytes_hashed").GetInt64());
        var after = await CliRunner.JsonAsync("--catalog", tree.Catalog, "dupes", "--json");
        Assert.AreEqual(0, after.GetProperty("bytes_hashed").GetInt64(), "full hashes moved with their records");
        CollectionAssert.AreEquivalent(
            new[] { Path.Combine(dest, "Show/Show - S01E01.mkv"), Path.Combine(dest, "Show/Show - S01E02.mkv") },
            after.GetProperty("groups")[0].GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToArray());
    }

    [TestMethod]
    public async Task Organize_BadTemplate_ExitsTwo()
    {
        using var tree = new TempTree();
        var (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--template", "{show} {nope}", "--dest", tree.Root);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "unknown token");
    }
}

/// <summary>Removes a folder outside the test's temp tree when the test ends.</summary>
internal sealed class DeleteOnDispose(string? folder) : IDisposable
{
    public void Dispose()
    {
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
