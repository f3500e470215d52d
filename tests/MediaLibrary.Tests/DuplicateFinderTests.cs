using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Duplicates;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Scanning;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class DuplicateFinderTests
{
    private const int Sample = 4096;

    public TestContext TestContext { get; set; } = null!;

    private async Task<DuplicateReport> ScanAndFindAsync(TempTree tree, long minSize = 1, bool follow = false)
    {
        using var catalog = CatalogStore.Open(tree.Catalog);
        var options = new ScanOptions { Hashing = new HashParameters(HashAlgorithmName.Xxh128, Sample), Walk = new(follow) };
        await new ScanIndexer(catalog, options).RunAsync([tree.Files], TestContext.CancellationToken);
        return new DuplicateFinder(catalog, new DuplicateOptions(minSize, 2)).Find(TestContext.CancellationToken);
    }

    private static string[] Names(DuplicateGroup g) => g.Members.Select(m => Path.GetFileName(m.Path)).ToArray();

    [TestMethod]
    public async Task Find_IdenticalFilesInManyFolders_IsOneGroupWithAllOfThem()
    {
        using var tree = new TempTree();
        var data = TempTree.RandomBytes(100_000, 1);
        for (int i = 0; i < 6; i++)
        {
            tree.Write($"folder{i}/sub/copy{i}.mkv", data);
        }
        tree.WriteRandom("other.mkv", 100_000, 2);

        var report = await ScanAndFindAsync(tree);

        var group = report.Groups.Single();
        Assert.HasCount(6, group.Members);
        Assert.AreEqual(6, group.Identities);
        Assert.AreEqual(5 * 100_000L, group.ReclaimableBytes);
    }

    [TestMethod]
    public async Task Find_SameSizeSameSamplesDifferentMiddle_IsNotADuplicate()
    {
        using var tree = new TempTree();
        var data = TempTree.RandomBytes(200_000, 3);
        tree.Write("a.mkv", data);
        data[Sample + 10] ^= 0x55; // between head and middle samples
        tree.Write("b.mkv", data);

        var report = await ScanAndFindAsync(tree);

        Assert.IsEmpty(report.Groups);
        Assert.AreEqual(2, report.FilesHashed, "the shared samples made both full-hash candidates");
    }

    [TestMethod]
    public async Task Find_TruncatedCopy_IsNotADuplicate()
    {
        using var tree = new TempTree();
        var data = TempTree.RandomBytes(300_000, 4);
        tree.Write("full.mkv", data);
        tree.Write("truncated.mkv", data[..250_000]);
        Assert.IsEmpty((await ScanAndFindAsync(tree)).Groups);
    }

    [TestMethod]
    public async Task Find_HardlinksOnly_AreOneIdentityAndNotReported()
    {
        using var tree = new TempTree();
        tree.WriteRandom("a.mkv", 50_000, 5);
        tree.HardLink("a.mkv", "b.mkv");
        Assert.IsEmpty((await ScanAndFindAsync(tree)).Groups);
    }

    [TestMethod]
    public async Task Find_HardlinkPlusCopy_ShowsTheLinkButCountsOneReclaimableCopy()
    {
        using var tree = new TempTree();
        var a = tree.WriteRandom("a.mkv", 50_000, 6);
        tree.HardLink("a.mkv", "b.mkv");
        File.Copy(a, tree.PathOf("c.mkv"));

        var group = (await ScanAndFindAsync(tree)).Groups.Single();

        CollectionAssert.AreEqual(new[] { "a.mkv", "b.mkv", "c.mkv" }, Names(group));
        Assert.AreEqual(2, group.Identities);
        Assert.AreEqual(50_000L, group.ReclaimableBytes);
        Assert.AreEqual(a, group.Members[1].HardlinkOf);
    }

    [TestMethod]
    public async Task Find_Symlinks_AreNotDuplicatesUnlessFollowed()
    {
        using var tree = new TempTree();
        var a = tree.WriteRandom("dir/a.mkv", 5_000, 7);
        tree.Symlink("link.mkv", a);
        Assert.IsEmpty((await ScanAndFindAsync(tree)).Groups);
    }

    [TestMethod]
    public async Task Find_EmptyFiles_ReportedOnlyWithMinSizeZero()
    {
        using var tree = new TempTree();
        tree.Write("e1", []);
        tree.Write("e2", []);
        Assert.IsEmpty((await ScanAndFindAsync(tree)).Groups);
        var group = (await ScanAndFindAsync(tree, minSize: 0)).Groups.Single();
        Assert.AreEqual(0L, group.ReclaimableBytes);
    }

    [TestMethod]
    public async Task Find_SecondRun_UsesCachedFullHashes()
    {
        using var tree = new TempTree();
        var data = TempTree.RandomBytes(500_000, 8);
        tree.Write("x/a.mkv", data);
        tree.Write("y/b.mkv", data);
        tree.WriteRandom("unique.mkv", 500_000, 9);

        var first = await ScanAndFindAsync(tree);
        Assert.AreEqual(2, first.FilesHashed, "only the two candidates are read whole, not the unique file");

        using var catalog = CatalogStore.Open(tree.Catalog);
        var second = new DuplicateFinder(catalog, new DuplicateOptions()).Find(TestContext.CancellationToken);
        Assert.AreEqual(0, second.FilesHashed);
        Assert.HasCount(1, second.Groups);
    }

    [TestMethod]
    public async Task Find_CandidateChangedSinceScan_IsSkippedAndReported()
    {
        using var tree = new TempTree();
        var data = TempTree.RandomBytes(400_000, 10);
        tree.Write("a.mkv", data);
        var b = tree.Write("b.mkv", data);
        tree.Write("c.mkv", data);
        using (var catalog = CatalogStore.Open(tree.Catalog))
        {
            await new ScanIndexer(catalog, new ScanOptions { Hashing = new HashParameters(HashAlgorithmName.Xxh128, Sample) })
                .RunAsync([tree.Files], TestContext.CancellationToken);
        }
        File.Delete(b);

        using var again = CatalogStore.Open(tree.Catalog);
        var report = new DuplicateFinder(again, new DuplicateOptions()).Find(TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { "a.mkv", "c.mkv" }, Names(report.Groups.Single()));
        Assert.AreEqual(b, report.Skipped.Single().Path);
    }

    [TestMethod]
    public async Task Find_Groups_AreSortedByReclaimableBytes()
    {
        using var tree = new TempTree();
        var small = TempTree.RandomBytes(10_000, 11);
        var big = TempTree.RandomBytes(30_000, 12);
        for (int i = 0; i < 5; i++)
        {
            tree.Write($"s{i}", small); // 40,000 reclaimable
        }
        tree.Write("b1", big);
        tree.Write("b2", big); // 30,000 reclaimable
        var report = await ScanAndFindAsync(tree);
        CollectionAssert.AreEqual(new[] { 40_000L, 30_000L }, report.Groups.Select(g => g.ReclaimableBytes).ToArray());
    }

    [TestMethod]
    public async Task Find_Repeated_ReusesTheReportUntilARecordChanges()
    {
        using var tree = new TempTree();
        var data = TempTree.RandomBytes(300_000, 13);
        tree.Write("a.mkv", data);
        var b = tree.Write("b.mkv", data);
        tree.HardLink("a.mkv", "c.mkv");
        var first = await ScanAndFindAsync(tree);

        DuplicateReport again;
        using (var catalog = CatalogStore.Open(tree.Catalog))
        {
            again = new DuplicateFinder(catalog, new DuplicateOptions()).Find(TestContext.CancellationToken);
        }
        Assert.AreEqual(first.Groups.Single(), again.Groups.Single() with { Members = first.Groups.Single().Members });
        CollectionAssert.AreEqual(first.Groups.Single().Members.ToList(), again.Groups.Single().Members.ToList());

        data[^1] ^= 1;
        File.WriteAllBytes(b, data);
        var afterChange = await ScanAndFindAsync(tree);
        Assert.IsEmpty(afterChange.Groups, "a changed file invalidates the cached report");
    }
}
