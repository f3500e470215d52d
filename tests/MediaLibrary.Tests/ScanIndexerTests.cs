using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Scanning;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class ScanIndexerTests
{
    public TestContext TestContext { get; set; } = null!;

    private static readonly ScanOptions SmallSamples = new() { Hashing = new HashParameters(HashAlgorithmName.Xxh128, 4096), Workers = 2 };

    private async Task<ScanResult> ScanAsync(TempTree tree, ScanOptions? options = null, Action<string>? beforeHash = null)
    {
        using var catalog = CatalogStore.Open(tree.Catalog);
        var indexer = new ScanIndexer(catalog, options ?? SmallSamples) { BeforeHash = beforeHash };
        return await indexer.RunAsync([tree.Files], TestContext.CancellationToken);
    }

    private static List<CatalogRecord> Records(TempTree tree)
    {
        using var catalog = CatalogStore.Open(tree.Catalog);
        return catalog.AllRecords().OrderBy(r => r.Path, StringComparer.Ordinal).ToList();
    }

    [TestMethod]
    public async Task Scan_NewTree_StoresEveryFileWithIdentityKindAndHashes()
    {
        using var tree = new TempTree();
        tree.WriteRandom("Show/S01E01.mkv", 50_000, 1);
        tree.WriteRandom("Show/tvshow.nfo", 100, 2);
        tree.Write("dl/movie.mkv.part", [1, 2, 3]);
        tree.Write("empty.txt", []);

        var result = await ScanAsync(tree);

        Assert.AreEqual(4, result.Progress.Files);
        Assert.AreEqual(4, result.Progress.New);
        Assert.AreEqual(0, result.Progress.Errors);
        var records = Records(tree);
        Assert.HasCount(4, records);
        var video = records.Single(r => r.Path.EndsWith("S01E01.mkv", StringComparison.Ordinal));
        Assert.AreEqual("video", video.Kind);
        Assert.AreEqual(50_000, video.Size);
        Assert.AreEqual("xxh128", video.Algo);
        Assert.IsNotNull(video.SampleHash);
        Assert.AreNotEqual(0L, video.Inode);
        var junk = records.Single(r => r.Kind == "junk");
        Assert.AreEqual("pattern: *.part", junk.JunkReason);
        Assert.IsNull(junk.SampleHash, "junk is not hashed");
        Assert.AreEqual("", records.Single(r => r.Path.EndsWith("empty.txt", StringComparison.Ordinal)).SampleHash);
    }

    [TestMethod]
    public async Task Rescan_Unchanged_ReadsNoBytesAndWritesNothing()
    {
        using var tree = new TempTree();
        foreach (var name in new[] { "a", "a.txt", "a b/c", "A", "é", "with\nnewline", "-dash", "trailing ", "x/y/z" })
        {
            tree.WriteRandom(name + ".mkv", 20_000, name.Length);
        }
        await ScanAsync(tree);
        var before = Records(tree).ToDictionary(r => r.Path, r => r.LastSeen);

        var again = await ScanAsync(tree);

        Assert.AreEqual(0, again.Hashing.BytesRead);
        Assert.AreEqual(0, again.Hashing.FilesHashed);
        Assert.AreEqual(9, again.Progress.Unchanged);
        Assert.AreEqual(0, again.Progress.New + again.Progress.Changed + again.Progress.Gone);
        CollectionAssert.AreEquivalent(before, Records(tree).ToDictionary(r => r.Path, r => r.LastSeen));
    }

    [TestMethod]
    public async Task Rescan_AfterModifyDeleteAdd_UpdatesOnlyThose()
    {
        using var tree = new TempTree();
        tree.WriteRandom("keep.mkv", 30_000, 1);
        var modified = tree.WriteRandom("modify.mkv", 30_000, 2);
        var deleted = tree.WriteRandom("delete.mkv", 30_000, 3);
        await ScanAsync(tree);
        var oldHash = Records(tree).Single(r => r.Path == modified).SampleHash;

        File.WriteAllBytes(modified, TempTree.RandomBytes(30_000, 99));
        File.Delete(deleted);
        tree.WriteRandom("added.mkv", 30_000, 4);
        var result = await ScanAsync(tree);

        Assert.AreEqual(1, result.Progress.Unchanged);
        Assert.AreEqual(1, result.Progress.Changed);
        Assert.AreEqual(1, result.Progress.New);
        Assert.AreEqual(1, result.Progress.Gone);
        var records = Records(tree);
        Assert.IsTrue(records.Single(r => r.Path == deleted).Gone);
        Assert.AreNotEqual(oldHash, records.Single(r => r.Path == modified).SampleHash);
        Assert.AreEqual(2 * 3 * 4096, result.Hashing.BytesRead, "only the samples of the modified and the added file are read");
    }

    [TestMethod]
    public async Task Rescan_FileComesBack_IsPresentAgainKeepingFirstSeen()
    {
        using var tree = new TempTree();
        var path = tree.WriteRandom("back.mkv", 100, 1);
        await ScanAsync(tree);
        var firstSeen = Records(tree).Single().FirstSeen;
        File.Move(path, path + ".away");
        await ScanAsync(tree);
        File.Move(path + ".away", path);

        await ScanAsync(tree);

        var record = Records(tree).Single(r => r.Path == path);
        Assert.IsFalse(record.Gone);
        Assert.AreEqual(firstSeen, record.FirstSeen);
    }

    [TestMethod]
    public async Task Scan_FileDeletedBetweenListingAndHashing_IsCountedAsErrorAndScanGoesOn()
    {
        using var tree = new TempTree();
        var doomed = tree.WriteRandom("doomed.mkv", 1000, 1);
        tree.WriteRandom("fine.mkv", 1000, 2);

        var result = await ScanAsync(tree, beforeHash: p =>
        {
            if (p == doomed)
            {
                File.Delete(p);
            }
        });

        Assert.AreEqual(1, result.Progress.Errors);
        Assert.AreEqual(doomed, result.Errors.Single().Path);
        StringAssert.Contains(result.Errors.Single().Reason, "No such file");
        Assert.AreEqual("fine.mkv", Path.GetFileName(Records(tree).Single().Path));
    }

    [TestMethod]
    public async Task Scan_FifoInTree_IsSkippedWithoutHanging()
    {
        using var tree = new TempTree();
        tree.Fifo("stream.mkv");
        tree.WriteRandom("movie.mkv", 100, 1);

        var result = await ScanAsync(tree).WaitAsync(TimeSpan.FromSeconds(20), TestContext.CancellationToken);

        Assert.AreEqual(1, result.Progress.Skipped);
        Assert.AreEqual(1, result.Progress.Files);
        Assert.HasCount(1, Records(tree));
    }

    [TestMethod]
    public async Task Rescan_ChangedHashParameters_RehashesEverything()
    {
        using var tree = new TempTree();
        tree.WriteRandom("a.mkv", 10_000, 1);
        await ScanAsync(tree);
        var result = await ScanAsync(tree, SmallSamples with { Hashing = new HashParameters(HashAlgorithmName.XxHash64, 4096) });
        Assert.AreEqual(1, result.Progress.Changed);
        Assert.AreEqual("xxhash64", Records(tree).Single().Algo);
    }

    [TestMethod]
    public async Task Scan_PathsDifferingOnlyInCase_AreSeparateRecords()
    {
        using var tree = new TempTree();
        tree.WriteRandom("Movie.mkv", 10, 1);
        tree.WriteRandom("movie.mkv", 10, 2);
        await ScanAsync(tree);
        Assert.HasCount(2, Records(tree));
    }

    [TestMethod]
    public async Task Scan_CancelledEarly_KeepsWrittenRecordsAndMarksNothingGone()
    {
        using var tree = new TempTree();
        for (int i = 0; i < 200; i++)
        {
            tree.WriteRandom($"f{i:000}.bin", 100, i);
        }
        await ScanAsync(tree);
        Directory.Delete(tree.Files, recursive: true);
        Directory.CreateDirectory(tree.Files);
        using var cts = new CancellationTokenSource();
        ScanResult result;
        using (var catalog = CatalogStore.Open(tree.Catalog))
        {
            var indexer = new ScanIndexer(catalog, SmallSamples);
            await cts.CancelAsync();
            result = await indexer.RunAsync([tree.Files], cts.Token);
        }
        Assert.IsTrue(result.Cancelled);
        Assert.AreEqual(0, result.Progress.Gone);
        Assert.HasCount(200, Records(tree).Where(r => !r.Gone), "an interrupted scan must not mark unvisited files gone");
    }

    [TestMethod]
    public void Open_WhileAnotherHolderHasIt_FailsAsBusy()
    {
        using var tree = new TempTree();
        using var first = CatalogStore.Open(tree.Catalog);
        var e = Assert.ThrowsExactly<CatalogException>(() => CatalogStore.Open(tree.Catalog));
        Assert.IsTrue(e.Busy);
        StringAssert.Contains(e.Message, $"pid {Environment.ProcessId}");
    }

    [TestMethod]
    public void Open_NotACatalogFile_FailsWithClearErrorAndLeavesItAlone()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(Path.GetDirectoryName(tree.Catalog)!);
        var junk = TempTree.RandomBytes(20_000, 9);
        File.WriteAllBytes(tree.Catalog, junk);
        var e = Assert.ThrowsExactly<CatalogException>(() => CatalogStore.Open(tree.Catalog));
        StringAssert.Contains(e.Message, "cannot open catalog");
        CollectionAssert.AreEqual(junk, File.ReadAllBytes(tree.Catalog));
    }

    [TestMethod]
    public async Task Scan_PathTooLongForTheCatalogKey_IsAnErrorAndTheRestIsStored()
    {
        using var tree = new TempTree();
        var segment = new string('日', 80); // 240 UTF-8 bytes, under NAME_MAX
        var longPath = tree.WriteRandom(string.Join('/', Enumerable.Repeat(segment, 5)) + "/film.mkv", 10, 1);
        tree.WriteRandom("short.mkv", 10, 2);

        var result = await ScanAsync(tree);

        Assert.AreEqual(longPath, result.Errors.Single().Path);
        StringAssert.Contains(result.Errors.Single().Reason, "too long for the catalog");
        Assert.AreEqual("short.mkv", Path.GetFileName(Records(tree).Single().Path));
    }

    [TestMethod]
    public async Task Scan_ResumingAfterACursor_SkipsWhatWasDoneAndMarksNothingThereGone()
    {
        using var tree = new TempTree();
        for (int i = 0; i < 10; i++)
        {
            tree.WriteRandom($"d{i}/f.mkv", 100, i);
        }
        await ScanAsync(tree);
        File.Delete(tree.PathOf("d1/f.mkv"));           // before the cursor: not looked at
        File.Delete(tree.PathOf("d8/f.mkv"));           // after it: marked gone
        File.WriteAllBytes(tree.PathOf("d2/f.mkv"), [1]); // before the cursor: not rehashed
        File.WriteAllBytes(tree.PathOf("d7/f.mkv"), [2]); // after it: rehashed

        var cursor = tree.PathOf("d4/f.mkv");
        var result = await ScanAsync(tree, SmallSamples with { ResumeAfter = new Dictionary<string, string> { [tree.Files] = cursor } });

        Assert.AreEqual(4, result.Progress.Files, "d5, d6, d7, d9 only");
        Assert.AreEqual(1, result.Progress.Changed);
        Assert.AreEqual(1, result.Progress.Gone);
        var records = Records(tree).ToDictionary(r => Path.GetFileName(Path.GetDirectoryName(r.Path))!);
        Assert.IsFalse(records["d1"].Gone);
        Assert.IsTrue(records["d8"].Gone);
        Assert.AreEqual(100, records["d2"].Size);
    }

    [TestMethod]
    public async Task Scan_ReportsCursorsThatOnlyMoveForwardAndEndAtTheLastPath()
    {
        using var tree = new TempTree();
        for (int i = 0; i < 300; i++)
        {
            tree.WriteRandom($"d{i % 7}/f{i:000}.mkv", 5000 + i, i);
        }
        var cursors = new List<string?>();
        using (var catalog = CatalogStore.Open(tree.Catalog))
        {
            var indexer = new ScanIndexer(catalog, SmallSamples with { WriteBatchSize = 16 }) { OnCursor = cursors.Add };
            await indexer.RunAsync([tree.Files], TestContext.CancellationToken);
        }
        var seen = cursors.Where(c => c is not null).ToList();
        Assert.IsGreaterThan(5, seen.Count);
        for (int i = 1; i < seen.Count; i++)
        {
            Assert.IsLessThanOrEqualTo(0, string.CompareOrdinal(seen[i - 1], seen[i]), "a cursor never moves back");
        }
        Assert.AreEqual(tree.PathOf("d6/f293.mkv"), seen[^1]);
    }
}
