using MediaLibrary.Common.Catalog;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class CatalogStoreTests
{
    private static CatalogRecord Record(string path, long size, bool gone = false) => new()
    {
        Id = CatalogKey.Of("local", path), Source = "local", Path = path, Kind = "video", Size = size,
        Algo = "xxh128", SampleHash = "s" + size, Gone = gone,
    };

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    [DataRow(100)]
    public void HashedBySizeDescending_AnyPageSize_YieldsEachPresentRecordOnceLargestFirst(int pageSize)
    {
        using var tree = new TempTree();
        using var catalog = CatalogStore.Open(tree.Catalog);
        long[] sizes = [5, 5, 5, 4, 4, 3, 2, 2, 2, 2, 1, 7];
        catalog.Upsert(sizes.Select((s, i) => Record($"/f{i:00}", s)).Append(Record("/gone", 6, gone: true)).ToList());

        var got = catalog.HashedBySizeDescending(2, pageSize).ToList();

        CollectionAssert.AreEqual(sizes.Where(s => s >= 2).OrderByDescending(s => s).ToArray(), got.Select(r => r.Size).ToArray());
        Assert.HasCount(got.Count, got.Select(r => r.Id).Distinct());
    }

    [TestMethod]
    public void StreamUnder_ReturnsTheRootsRecordsInWalkOrderAcrossPages()
    {
        using var tree = new TempTree();
        using var catalog = CatalogStore.Open(tree.Catalog);
        string[] inside = ["/m", "/m/a", "/m/a b", "/m/a.txt", "/m/a/x", "/m/b", "/m/é"];
        string[] outside = ["/m.txt", "/m-2/a", "/ma", "/l"];
        catalog.Upsert(inside.Concat(outside).Select(p => Record(p, 1)).ToList());
        catalog.Upsert([new CatalogRecord { Id = CatalogKey.Of("other", "/m/a"), Source = "other", Path = "/m/a" }]);

        var got = catalog.StreamUnder("local", "/m", pageSize: 2).Select(r => r.Path).ToList();

        CollectionAssert.AreEqual(inside.OrderBy(p => p, StringComparer.Ordinal).ToList(), got);
    }
}
