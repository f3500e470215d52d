using System.Diagnostics;
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

    private static Dictionary<string, string> Snapshot(params string[] folders) => TempTree.SnapshotOf(folders);

    private static async Task<int> RunProcessAsync(IReadOnlyList<string> args, int crashAfter) =>
        (await Faults.RunProcessAsync("crash", crashAfter, args)).Exit;

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

                // Every crash point in this process (fast); a few in a real process, killed by the runtime.
                bool crashed = crashAt is 2 or 5
                    ? await RunProcessAsync(Args(tree, dest, "--apply"), crashAt) != 0
                    : await Faults.CrashInProcessAsync(crashAt, Args(tree, dest, "--apply")) is null;
                // The next organize finishes the interrupted plan from its journal.
                var (recoverExit, _, recoverError) = await CliRunner.RunAsync(Args(tree, dest));
                Assert.AreEqual(0, recoverExit, recoverError);
                CollectionAssert.AreEquivalent(before.Values.ToList(), Snapshot(tree.Files, dest).Values.ToList(),
                    $"crash after journal write {crashAt}: every file exactly once");
                Assert.IsFalse(Directory.Exists(dest) && Directory.EnumerateFiles(dest, "*.mlm-partial", SearchOption.AllDirectories).Any(),
                    "no partial copy left");

                var (_, plans, _) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "plans");
                var plan = plans.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Split('\t')[0];
                var (undoExit, _, undoError) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "undo", plan);
                Assert.AreEqual(0, undoExit, undoError);
                CollectionAssert.AreEquivalent(before, Snapshot(tree.Files, dest), $"crash after journal write {crashAt}: undo restores the tree");
                if (!crashed)
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
            CollectionAssert.AreEquivalent(before.Values.ToList(), Snapshot(dest).Values.ToList(),
                $"crash after write {crashAt}: every copy complete, none partial");
            if (exit == 0)
            {
                return;
            }
        }
        Assert.Fail("the copy plan never finished within 40 journal writes");
    }

    // Three copies of one episode and a worse one already in the library: the trash policy moves the
    // occupant and both worse sources (one with a subtitle) to the trash, then the best copy in.
    private sealed class Contest : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "mlm-test-" + Guid.NewGuid().ToString("N")[..8]);

        public Contest()
        {
            Dest = Path.Combine(_root, "library");
            Tree.WriteRandom("in/a/Show.S01E01.720p.mkv", 30_000, 1);
            Tree.WriteRandom("in/a/Show.S01E01.720p.en.srt", 200, 2);
            Tree.WriteRandom("in/b/Show.S01E01.1080p.mkv", 50_000, 3);
            Tree.WriteRandom("in/c/Show.S01E01.480p.mkv", 20_000, 4);
            Directory.CreateDirectory(Path.Combine(Dest, "Show/Season 01"));
            File.WriteAllBytes(Path.Combine(Dest, "Show/Season 01/Show - S01E01.mkv"), TempTree.RandomBytes(10_000, 5));
        }

        public TempTree Tree { get; } = new();

        public string Dest { get; }

        public void Dispose()
        {
            Tree.Dispose();
            Directory.Delete(_root, recursive: true);
        }
    }

    [TestMethod]
    public async Task TrashPolicy_KilledAfterAnyJournalWrite_LosesNothingAndUndoRestores()
    {
        int crashAt = 1;
        for (; crashAt < 80; crashAt++)
        {
            using var contest = new Contest();
            var (tree, dest) = (contest.Tree, contest.Dest);
            await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
            var before = Snapshot(tree.Files, dest);

            int exit = await RunProcessAsync(Args(tree, dest, "--on-conflict", "trash", "--apply"), crashAt);
            var (_, plans, recoverError) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "plans");
            CollectionAssert.AreEquivalent(before.Values.ToList(), Snapshot(tree.Files, dest).Values.ToList(),
                $"crash after journal write {crashAt}: every file exactly once ({recoverError})");
            Assert.AreEqual(before[tree.PathOf("in/b/Show.S01E01.1080p.mkv")], Snapshot(dest)[Path.Combine(dest, "Show/Season 01/Show - S01E01.mkv")],
                $"crash after journal write {crashAt}: the finished plan put the best copy in place");

            var plan = plans.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Split('\t')[0];
            var (undoExit, _, undoError) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "undo", plan);
            Assert.AreEqual(0, undoExit, undoError);
            CollectionAssert.AreEquivalent(before, Snapshot(tree.Files, dest), $"crash after journal write {crashAt}: undo restores every file to its place");
            if (exit == 0)
            {
                break;
            }
        }
        Assert.IsGreaterThan(10, crashAt, "the plan was interrupted at every step");
    }

    [TestMethod]
    public async Task Undo_KilledAfterAnyJournalWrite_IsFinishedByTheNextOrganize()
    {
        int crashAt = 1;
        for (; crashAt < 80; crashAt++)
        {
            using var contest = new Contest();
            var (tree, dest) = (contest.Tree, contest.Dest);
            await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
            var before = Snapshot(tree.Files, dest);
            var (applyExit, output, applyError) = await CliRunner.RunAsync(Args(tree, dest, "--on-conflict", "trash", "--apply"));
            Assert.AreEqual(0, applyExit, applyError);
            var plan = output.Split(' ')[2].TrimEnd(':');

            int exit = await RunProcessAsync(["--catalog", tree.Catalog, "organize", "undo", plan], crashAt);
            var (_, plans, _) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "plans");
            StringAssert.Contains(plans, $"{plan}\tundone");
            CollectionAssert.AreEquivalent(before, Snapshot(tree.Files, dest), $"undo killed after journal write {crashAt}: the tree is back as it was");
            if (exit == 0)
            {
                break;
            }
        }
        Assert.IsGreaterThan(8, crashAt, "the undo was interrupted at every step");
    }

    [TestMethod]
    public async Task CaseOnlyRename_GoesThroughATemporaryName_EvenWhenKilled()
    {
        for (int crashAt = 1; crashAt < 20; crashAt++)
        {
            using var tree = new TempTree();
            var source = tree.WriteRandom("lib/show/Season 01/Show - s01e01.mkv", 5000, 1);
            var target = tree.PathOf("lib/show/Season 01/Show - S01E01.mkv");
            string[] organize = ["--catalog", tree.Catalog, "organize", "--template", "show/Season {season:02d}/Show - S{season:02d}E{episodes:02d}{ext}",
                "--dest", tree.PathOf("lib")];
            await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
            var before = Snapshot(tree.Files);
            var preview = await CliRunner.JsonAsync([.. organize, "--json"]);
            StringAssert.StartsWith(preview.GetProperty("entries")[0].GetProperty("note").GetString(), "case-only rename");

            int exit = await RunProcessAsync([.. organize, "--apply"], crashAt);
            var (_, plans, _) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "plans");
            Assert.AreEqual(before[source], Snapshot(tree.Files).GetValueOrDefault(target), $"crash after write {crashAt}: renamed, same bytes");
            Assert.HasCount(1, Snapshot(tree.Files), "no temporary name left");

            var plan = plans.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Split('\t')[0];
            var (undoExit, _, undoError) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "undo", plan);
            Assert.AreEqual(0, undoExit, undoError);
            CollectionAssert.AreEquivalent(before, Snapshot(tree.Files));
            if (exit == 0)
            {
                return;
            }
        }
        Assert.Fail("a one-file plan should finish within 20 journal writes");
    }

    [TestMethod]
    public async Task Apply_AWriteFailingMidCopy_SkipsThatFileKeepsItsSourceAndFinishesThePlan()
    {
        using var tree = new TempTree();
        var big = tree.WriteRandom("in/Film.2001.mkv", 4 << 20, 1);
        var small = tree.WriteRandom("in/Other.Film.2002.mkv", 100_000, 2);
        var dest = Path.Combine("/dev/shm", "mlm-test-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
            var before = Snapshot(tree.Files);
            // A 2 MiB limit on the size of any file written makes the 4 MiB copy fail half way with
            // EFBIG, as a copy to FAT32 fails past 4 GiB, or one to a full disk with ENOSPC (SIGXFSZ is
            // ignored so that the write returns the error).
            var start = new ProcessStartInfo("bash", ["-c", "trap '' XFSZ; ulimit -f 2048; exec dotnet \"$0\" \"$@\"",
                Path.Combine(AppContext.BaseDirectory, "mlm.dll"), "--catalog", tree.Catalog, "organize", "--template", "{title} ({year}){ext}", "--dest",
                    dest, "--apply", tree.Files])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            // The runtime's W^X double mapping writes a memory file, which the limit would also stop.
            start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
            using (var p = Process.Start(start)!)
            {
                var error = await p.StandardError.ReadToEndAsync();
                await p.WaitForExitAsync();
                Assert.AreEqual(1, p.ExitCode, error);
                StringAssert.Contains(error, $"{big}: skipped: the file is too large for the target's file system");
            }

            Assert.AreEqual(before[big], Snapshot(tree.Files)[big], "the source of the failed copy is whole and in place");
            Assert.AreEqual(before[small], Snapshot(dest)[Path.Combine(dest, "Other Film (2002).mkv")], "the plan went on");
            Assert.IsFalse(Directory.EnumerateFiles(dest, "*.mlm-partial").Any(), "the partial copy was removed");
            var (exit, plans, recoverError) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "plans");
            Assert.AreEqual(0, exit, recoverError);
            Assert.AreEqual("", recoverError, "nothing left to recover");
            StringAssert.Contains(plans, "\tapplied\t");
        }
        finally
        {
            if (Directory.Exists(dest))
            {
                Directory.Delete(dest, recursive: true);
            }
        }
    }

    [TestMethod]
    public async Task Apply_AFolderThatRefusesRenames_SkipsItsFilesWithTheReason()
    {
        using var tree = new TempTree();
        var locked = tree.WriteRandom("in/locked/Show.S01E01.mkv", 1000, 1);
        var free = tree.WriteRandom("in/free/Show.S01E02.mkv", 1000, 2);
        var dest = Path.Combine(tree.Root, "library");
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        // A folder nobody may rename out of: chattr +i binds even root; without root, no write permission does.
        bool root = Environment.IsPrivilegedProcess;
        if (root)
        {
            TestMedia.RunTool("chattr", "+i", tree.PathOf("in/locked"));
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(tree.PathOf("in/locked"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync(Args(tree, dest, "--apply"));
            Assert.AreEqual(1, exit, error);
            StringAssert.Contains(error, $"{locked}: skipped: ");
            Assert.IsTrue(File.Exists(locked));
            Assert.IsFalse(File.Exists(free), "the other file moved");
            (exit, _, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "plans");
            Assert.AreEqual(0, exit, "a later command does not trip over the failed step: " + error);
        }
        finally
        {
            if (root)
            {
                TestMedia.RunTool("chattr", "-i", tree.PathOf("in/locked"));
            }
            else if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(tree.PathOf("in/locked"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    [TestMethod]
    [DataRow(false, 2, 1, DisplayName = "a rename under way is finished")]
    [DataRow(true, 3, 0, DisplayName = "a copy to another file system under way is dropped")]
    public async Task CtrlC_StopsCleanly_AndTheStoppedPlanCanBeResumedOrUndone(bool crossDevice, int interruptAfter, int done)
    {
        using var tree = MakeTree();
        var dest = crossDevice ? Path.Combine("/dev/shm", "mlm-test-" + Guid.NewGuid().ToString("N")[..8]) : Path.Combine(tree.Root, "library");
        using var cleanup = new DeleteOnDispose(crossDevice ? dest : null);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        var before = Snapshot(tree.Files);

        // A real SIGINT right after the first file's step was journaled as under way.
        var (exit, error) = await Faults.RunProcessAsync("interrupt", interruptAfter, Args(tree, dest, "--apply"));
        Assert.AreEqual(130, exit, error);
        StringAssert.Contains(error, $"interrupted: {done} files done, {4 - done} not started");
        Assert.IsFalse(Directory.Exists(dest) && Directory.EnumerateFiles(dest, "*.mlm-partial", SearchOption.AllDirectories).Any(), "no partial copy left");
        var plan = error.Split("mlm organize --apply ")[1].Split(';')[0].Trim();
        var (_, plans, recovered) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "plans");
        StringAssert.Contains(plans, $"{plan}\tstopped\t");
        Assert.AreEqual("", recovered, "a stopped plan is not finished behind the user's back");
        Assert.HasCount(4 - done, Snapshot(tree.Files));
        CollectionAssert.AreEquivalent(before.Values.ToList(), Snapshot(tree.Files, dest).Values.ToList());

        var (resumeExit, _, resumeError) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--apply", plan);
        Assert.AreEqual(0, resumeExit, resumeError);
        Assert.IsEmpty(Snapshot(tree.Files), "resumed to the end");
        var (undoExit, _, undoError) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "undo", plan);
        Assert.AreEqual(0, undoExit, undoError);
        CollectionAssert.AreEquivalent(before, Snapshot(tree.Files, dest));
    }

    [TestMethod]
    public async Task CtrlC_DuringTheRecoveryOfAKilledApply_LeavesThePlanStopped()
    {
        using var tree = MakeTree();
        var dest = Path.Combine(tree.Root, "library");
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        var before = Snapshot(tree.Files);
        Assert.AreNotEqual(0, await RunProcessAsync(Args(tree, dest, "--apply"), crashAfter: 3));

        // The next command starts finishing the plan; Ctrl+C arrives during its first step.
        var (exit, error) = await Faults.RunProcessAsync("interrupt", 1, ["--catalog", tree.Catalog, "organize", "plans"]);

        Assert.AreEqual(130, exit, error);
        StringAssert.Contains(error, "stopped while finishing an interrupted organize");
        var (_, plans, _) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "plans");
        var plan = plans.Split('\t')[0];
        StringAssert.Contains(plans, "\tstopped\t");
        CollectionAssert.AreEquivalent(before.Values.ToList(), Snapshot(tree.Files, dest).Values.ToList(), "every file once");
        Assert.HasCount(2, Snapshot(tree.Files), "two moved before the crash and during the recovery, two not");
        var (resumeExit, _, resumeError) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--apply", plan);
        Assert.AreEqual(0, resumeExit, resumeError);
        Assert.IsEmpty(Snapshot(tree.Files));
    }

    [TestMethod]
    public async Task HostStart_FinishesAnApplyKilledMidway()
    {
        using var tree = MakeTree();
        var dest = Path.Combine(tree.Root, "library");
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        var before = Snapshot(tree.Files);

        // Killed after the first file's move was journaled as done: three files still to go.
        Assert.AreNotEqual(0, await RunProcessAsync(Args(tree, dest, "--apply"), crashAfter: 3));
        Assert.HasCount(3, Snapshot(tree.Files));
        await using (await TestHost.StartAsync(tree.Catalog))
        {
        }

        Assert.IsEmpty(Snapshot(tree.Files), "the host's start finished the plan");
        CollectionAssert.AreEquivalent(before.Values.ToList(), Snapshot(dest).Values.ToList());
        var (_, plans, _) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "plans");
        StringAssert.Contains(plans, "\tapplied\t");
    }

    [TestMethod]
    public async Task Organize_HardlinkToAnotherFileSystem_IsAConflictInThePreview()
    {
        using var tree = MakeTree();
        var dest = Path.Combine("/dev/shm", "mlm-test-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
            var preview = await CliRunner.JsonAsync(Args(tree, dest, "--mode", "hardlink", "--json"));
            Assert.IsTrue(preview.GetProperty("entries").EnumerateArray().All(e =>
                e.GetProperty("conflict").GetString() == "a hardlink cannot cross file systems"), "the preview says so for every file");
            var (exit, _, error) = await CliRunner.RunAsync(Args(tree, dest, "--apply", "--mode", "hardlink"));
            Assert.AreEqual(0, exit, error);
            Assert.IsEmpty(Snapshot(dest));
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
