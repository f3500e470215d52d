using System.Diagnostics;
using System.IO.Hashing;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class OrganizeApplyTests
{
    private const string Template = "{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}[ - {episode_title}]{ext}";

    private static string[] Args(TempTree tree, string dest, params string[] extra) =>
        ["--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, tree.Files, .. extra];

    private static TempTree MakeTree()
    {
        var tree = new TempTree();
        tree.WriteRandom("in/Show.S01E01.Pilot.720p.mkv", 40_000, 1);
        tree.WriteRandom("in/Show.S01E01.Pilot.720p.en.srt", 300, 2);
        tree.WriteRandom("in/Show.S01E02.720p.mkv", 50_000, 3);
        tree.WriteRandom("in/deeper/Other.Show.S02E05.mkv", 30_000, 4);
        return tree;
    }

    /// <summary>path → content hash of every file under the folders.</summary>
    private static Dictionary<string, string> Snapshot(params string[] folders) => folders.Where(Directory.Exists)
        .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
        .ToDictionary(p => p, p => Convert.ToHexString(XxHash128.Hash(File.ReadAllBytes(p))));

    private static async Task<int> RunProcessAsync(IReadOnlyList<string> args, int crashAfter)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "mlm.dll"), .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["MLM_CRASH_AFTER_JOURNAL_WRITES"] = crashAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var p = Process.Start(start)!;
        await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return p.ExitCode;
    }

    [TestMethod]
    public async Task Apply_ThenUndo_RestoresTheTreeByteIdentical()
    {
        using var tree = MakeTree();
        var dest = Path.Combine(tree.Root, "library");
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        var before = Snapshot(tree.Files);

        var (exit, output, error) = await CliRunner.RunAsync(Args(tree, dest, "--apply"));
        Assert.AreEqual(0, exit, error);
        Assert.IsTrue(File.Exists(Path.Combine(dest, "Show/Season 01/Show - S01E01 - Pilot.en.srt")), "the subtitle followed its video");
        CollectionAssert.AreEquivalent(before.Values.ToList(), Snapshot(tree.Files, dest).Values.ToList(), "every file exactly once, same bytes");
        var plan = output.Split(' ')[2].TrimEnd(':');
        Assert.IsTrue(output.Contains("(move)", StringComparison.Ordinal), output);

        var dupes = await CliRunner.JsonAsync("--catalog", tree.Catalog, "junk", "--json");
        Assert.AreEqual(0, dupes.GetProperty("count").GetInt32(), "the catalog is still readable after the moves");
        (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "undo", plan);
        Assert.AreEqual(0, exit, error);

        CollectionAssert.AreEquivalent(before, Snapshot(tree.Files, dest));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task Apply_KilledAfterAnyJournalWrite_LosesNothingAndUndoRestores(bool crossDevice)
    {
        int crashAt = 1;
        while (true)
        {
            using var tree = MakeTree();
            // /dev/shm is tmpfs: another file system, so moves there are copy, fsync, verify, remove.
            var dest = crossDevice ? Path.Combine("/dev/shm", "mlm-test-" + Guid.NewGuid().ToString("N")[..8]) : Path.Combine(tree.Root, "library");
            try
            {
                await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
                var before = Snapshot(tree.Files);

                int exit = await RunProcessAsync(Args(tree, dest, "--apply"), crashAt);
                // The next organize finishes the interrupted plan from its journal.
                var (recoverExit, _, recoverError) = await CliRunner.RunAsync(Args(tree, dest));
                Assert.AreEqual(0, recoverExit, recoverError);
                CollectionAssert.AreEquivalent(before.Values.ToList(), Snapshot(tree.Files, dest).Values.ToList(), $"crash after journal write {crashAt}: every file exactly once");
                Assert.IsFalse(Directory.Exists(dest) && Directory.EnumerateFiles(dest, "*.mlm-partial", SearchOption.AllDirectories).Any(), "no partial copy left");

                var (_, plans, _) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "plans");
                var plan = plans.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Split('\t')[0];
                var (undoExit, _, undoError) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "undo", plan);
                Assert.AreEqual(0, undoExit, undoError);
                CollectionAssert.AreEquivalent(before, Snapshot(tree.Files, dest), $"crash after journal write {crashAt}: undo restores the tree");
                if (exit == 0)
                {
                    break; // the crash point lies past the last journal write: every point was tried
                }
            }
            finally
            {
                if (crossDevice && Directory.Exists(dest))
                {
                    Directory.Delete(dest, recursive: true);
                }
            }
            crashAt++;
            Assert.IsLessThan(60, crashAt, "more journal writes than a 4-file plan should make");
        }
        Assert.IsGreaterThan(8, crashAt, "the plan was interrupted at every step");
    }

    [TestMethod]
    [DataRow("copy")]
    [DataRow("hardlink")]
    [DataRow("symlink")]
    public async Task Apply_OtherModes_LeaveSourcesAndUndoRemovesOnlyWhatTheyMade(string mode)
    {
        using var tree = MakeTree();
        var dest = Path.Combine(tree.Root, "library");
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        var before = Snapshot(tree.Files);

        var (exit, output, error) = await CliRunner.RunAsync(Args(tree, dest, "--apply", "--mode", mode));
        Assert.AreEqual(0, exit, error);
        CollectionAssert.AreEquivalent(before, Snapshot(tree.Files), "sources untouched");
        var made = Snapshot(dest);
        Assert.HasCount(before.Count, made);
        CollectionAssert.AreEquivalent(before.Values.ToList(), made.Values.ToList(), "each target has its source's bytes");
        var target = made.Keys.First(k => k.EndsWith("Show - S01E02.mkv", StringComparison.Ordinal));
        if (mode == "symlink")
        {
            Assert.IsNotNull(new FileInfo(target).LinkTarget);
        }

        var plan = output.Split(' ')[2].TrimEnd(':');
        (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "undo", plan);
        Assert.AreEqual(0, exit, error);
        Assert.IsEmpty(Snapshot(dest));
        CollectionAssert.AreEquivalent(before, Snapshot(tree.Files));
    }

    [TestMethod]
    public async Task Apply_CopyKilledAfterAnyJournalWrite_LeavesSourcesAndCompleteCopies()
    {
        for (int crashAt = 1; crashAt < 40; crashAt++)
        {
            using var tree = MakeTree();
            var dest = Path.Combine(tree.Root, "library");
            await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
            var before = Snapshot(tree.Files);

            int exit = await RunProcessAsync(Args(tree, dest, "--apply", "--mode", "copy"), crashAt);
            var (recoverExit, _, recoverError) = await CliRunner.RunAsync(Args(tree, dest));
            Assert.AreEqual(0, recoverExit, recoverError);

            CollectionAssert.AreEquivalent(before, Snapshot(tree.Files), $"crash after write {crashAt}: sources untouched");
            CollectionAssert.AreEquivalent(before.Values.ToList(), Snapshot(dest).Values.ToList(), $"crash after write {crashAt}: every copy complete, none partial");
            if (exit == 0)
            {
                return;
            }
        }
        Assert.Fail("the copy plan never finished within 40 journal writes");
    }

    [TestMethod]
    public async Task Apply_HardlinkToAnotherFileSystem_SkipsThoseFilesAndFinishes()
    {
        using var tree = MakeTree();
        var dest = Path.Combine("/dev/shm", "mlm-test-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
            var (exit, _, error) = await CliRunner.RunAsync(Args(tree, dest, "--apply", "--mode", "hardlink"));
            Assert.AreEqual(0, exit, error);
            Assert.IsEmpty(Snapshot(dest));
            var (_, plans, _) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "plans");
            StringAssert.Contains(plans, "applied");
        }
        finally
        {
            if (Directory.Exists(dest))
            {
                Directory.Delete(dest, recursive: true);
            }
        }
    }
}
