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
    public void SameSizeGroups_YieldsSharedSizesOnlyLargestFirstSkippingGoneAndSmall()
    {
        using var tree = new TempTree();
        using var catalog = CatalogStore.Open(tree.Catalog);
        long[] sizes = [5, 5, 5, 4, 3, 2, 2, 2, 2, 1, 1, 7, 6];
        catalog.Upsert(sizes.Select((s, i) => Record($"/f{i:00}", s)).Append(Record("/gone", 6, gone: true)).ToList());

        var groups = catalog.SameSizeGroups(2).ToList();

        CollectionAssert.AreEqual(new[] { 5L, 2L }, groups.Select(g => g[0].Size).ToArray());
        CollectionAssert.AreEqual(new[] { 3, 4 }, groups.Select(g => g.Count).ToArray());
    }

    [TestMethod]
    public void Upsert_RecordReadBack_RoundTripsEveryField()
    {
        using var tree = new TempTree();
        using var catalog = CatalogStore.Open(tree.Catalog);
        var now = new DateTime(2026, 11, 25, 1, 2, 3, DateTimeKind.Utc);
        var record = new CatalogRecord
        {
            Id = CatalogKey.Of("local", "/m/ trailing "), Source = "local", Path = "/m/ trailing ", Kind = "junk",
            Ext = "", JunkReason = "pattern: *.part", Size = 1L << 40, MtimeNs = 1_795_567_127_056_900_300,
            CtimeNs = -5, Device = unchecked((long)ulong.MaxValue), Inode = 42, LinkCount = 3, Algo = "xxh128",
            SampleSize = 65536, SampleHash = "", FullHash = "ff", Error = "denied", FirstSeen = now,
            LastSeen = now.AddDays(1), Gone = true, GoneAt = now.AddDays(2),
        };
        catalog.Upsert([record]);

        var back = catalog.Find("local", "/m/ trailing ")!;

        foreach (var p in typeof(CatalogRecord).GetProperties())
        {
            Assert.AreEqual(p.GetValue(record), p.GetValue(back), p.Name);
        }
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
