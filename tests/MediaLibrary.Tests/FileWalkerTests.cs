using System.Diagnostics;
using MediaLibrary.Common.Walking;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class FileWalkerTests
{
    private static readonly string[] TrickyNames =
    [
        "a", "a.txt", "a-b", "a b", "A", "ab", "b", "é.mkv", "日本語.mkv", "-leading-dash.mkv",
        "with\nnewline.mkv", " leading space", "trailing space ", "z",
    ];

    [TestMethod]
    public void Walk_YieldsFilesInOrdinalPathOrder()
    {
        using var tree = new TempTree();
        var expected = new List<string>();
        foreach (var dir in new[] { "a", "a.d", "a b", "A", "x/y", "x.y" })
        {
            foreach (var name in TrickyNames)
            {
                expected.Add(tree.WriteRandom(Path.Combine(dir, name), 1, 1));
            }
        }
        expected.Add(tree.WriteRandom("a.txt", 1, 1));
        expected.Sort(StringComparer.Ordinal);

        var walked = new FileWalker(new WalkOptions()).Walk(tree.Files).Select(e => e.Path).ToList();

        CollectionAssert.AreEqual(expected, walked);
    }

    [TestMethod]
    public async Task Walk_FifoSocketsAndSymlinks_AreReportedNotOpened()
    {
        using var tree = new TempTree();
        tree.WriteRandom("real.mkv", 10, 1);
        tree.Fifo("pipe.mkv");
        tree.Symlink("link.mkv", tree.PathOf("real.mkv"));

        var entries = await Task.Run(() => new FileWalker(new WalkOptions()).Walk(tree.Files).ToList())
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.AreEqual(WalkProblem.Symlink, entries.Single(e => e.Path.EndsWith("link.mkv", StringComparison.Ordinal)).Problem);
        Assert.AreEqual(WalkProblem.SpecialFile, entries.Single(e => e.Path.EndsWith("pipe.mkv", StringComparison.Ordinal)).Problem);
        Assert.IsTrue(entries.Single(e => e.Path.EndsWith("real.mkv", StringComparison.Ordinal)).IsFile);
    }

    [TestMethod]
    public void Walk_FollowingSymlinks_StopsAtLoops()
    {
        using var tree = new TempTree();
        tree.WriteRandom("d/file.mkv", 10, 1);
        tree.Symlink("d/loop", tree.PathOf("d"));
        tree.Symlink("d/up", tree.Files);
        tree.Symlink("other", tree.PathOf("d"));

        var entries = new FileWalker(new WalkOptions(FollowSymlinks: true)).Walk(tree.Files).ToList();

        var files = entries.Where(e => e.IsFile).Select(e => e.Path[(tree.Files.Length + 1)..]).ToList();
        CollectionAssert.AreEqual(new[] { "d/file.mkv", "other/file.mkv" }, files);
        Assert.AreEqual(4, entries.Count(e => e.Reason == "symlink loop"), "loop and up, under d and under other");
    }

    [TestMethod]
    public void Walk_FollowingADanglingSymlink_ReportsIt()
    {
        using var tree = new TempTree();
        tree.Symlink("dangling.mkv", tree.PathOf("nowhere"));
        var entry = new FileWalker(new WalkOptions(FollowSymlinks: true)).Walk(tree.Files).Single();
        Assert.AreEqual(WalkProblem.Symlink, entry.Problem);
        StringAssert.StartsWith(entry.Reason, "dangling symlink");
    }

    [TestMethod]
    public void Walk_DeepTree_ReachesTheBottom()
    {
        using var tree = new TempTree();
        var relative = string.Join('/', Enumerable.Range(0, 350).Select(i => $"dir{i:000}"));
        var deepest = tree.WriteRandom(relative + "/deep.mkv", 5, 1);
        Assert.IsTrue(deepest.Length > 2000);
        var entry = new FileWalker(new WalkOptions()).Walk(tree.Files).Single();
        Assert.AreEqual(deepest, entry.Path);
        Assert.IsTrue(entry.IsFile);
    }

    [TestMethod]
    public void Walk_BeyondPathMax_ReportsAnErrorAndGoesOn()
    {
        using var tree = new TempTree();
        tree.WriteRandom("ok.mkv", 5, 1);
        // Built with relative mkdirs, the only way past PATH_MAX (4096).
        var segment = new string('x', 200);
        var script = $"cd '{tree.Files}' && for i in $(seq 1 25); do mkdir {segment} && cd {segment}; done && echo data > deep.mkv";
        using (var sh = Process.Start("bash", ["-c", script]))
        {
            sh.WaitForExit();
            Assert.AreEqual(0, sh.ExitCode);
        }

        var entries = new FileWalker(new WalkOptions()).Walk(tree.Files).ToList();

        Assert.IsTrue(entries.Any(e => e.IsFile && e.Path.EndsWith("ok.mkv", StringComparison.Ordinal)));
        // The folder whose absolute path is too long is reported as unreadable, not as a file error:
        // the scan then keeps what the catalog knows under it instead of marking it gone.
        Assert.AreEqual(WalkProblem.UnreadableDirectory, entries.Single(e => !e.IsFile).Problem);
    }

    [TestMethod]
    public void Walk_MissingRoot_ReportsOneError()
    {
        var entry = new FileWalker(new WalkOptions()).Walk("/nonexistent-" + Guid.NewGuid()).Single();
        Assert.AreEqual(WalkProblem.Error, entry.Problem);
        StringAssert.Contains(entry.Reason, "No such file");
    }

    [TestMethod]
    public void Walk_RootIsAFile_YieldsThatFile()
    {
        using var tree = new TempTree();
        var path = tree.WriteRandom("single.mkv", 3, 1);
        Assert.AreEqual(path, new FileWalker(new WalkOptions()).Walk(path).Single().Path);
    }

    [TestMethod]
    [DataRow("/a/b", "/a/b", true)]
    [DataRow("/a/b/c", "/a/b", true)]
    [DataRow("/a/bc", "/a/b", false)]
    [DataRow("/a/b.txt", "/a/b", false)]
    [DataRow("/x", "/", true)]
    public void IsUnder_MatchesWholeComponentsOnly(string path, string root, bool expected)
    {
        Assert.AreEqual(expected, WalkOrder.IsUnder(path, root));
    }
}
