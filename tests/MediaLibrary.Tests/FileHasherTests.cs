using System.IO.Hashing;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Identity;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class FileHasherTests
{
    private const int Sample = 4096;

    [TestMethod]
    public void XxHash64_MatchesTheReferenceDigests()
    {
        // Empty input: the value the earlier system stored for empty files (contract sample).
        var empty = HashAlgorithmName.Create(HashAlgorithmName.XxHash64);
        Assert.AreEqual("ef46db3751d8e999", empty.HexDigest());
        // K4os (compatibility) and System.IO.Hashing agree on arbitrary data.
        var data = TempTree.RandomBytes(100_003, 7);
        var k4os = HashAlgorithmName.Create(HashAlgorithmName.XxHash64);
        k4os.Append(data);
        Assert.AreEqual(Convert.ToHexStringLower(XxHash64.Hash(data)), k4os.HexDigest());
    }

    [TestMethod]
    [DataRow("xxhash64", 16)]
    [DataRow("xxh3", 16)]
    [DataRow("xxh128", 32)]
    public void Hash_EachAlgorithm_GivesHexOfItsWidth(string algo, int hexLength)
    {
        using var tree = new TempTree();
        var path = tree.WriteRandom("a.bin", 1000, 1);
        var hashes = new FileHasher(new HashParameters(algo, Sample)).Hash(path, UnixFiles.Stat(path));
        Assert.AreEqual(hexLength, hashes.SampleHash.Length);
        Assert.AreEqual(hashes.SampleHash, hashes.FullHash, "a small file is read whole");
    }

    [TestMethod]
    public void Hash_EmptyFile_HasEmptySampleHash()
    {
        using var tree = new TempTree();
        var path = tree.Write("empty", []);
        var counters = new HashCounters();
        var hashes = new FileHasher(new HashParameters(), counters).Hash(path, UnixFiles.Stat(path));
        Assert.AreEqual("", hashes.SampleHash);
        Assert.AreEqual(0, counters.BytesRead);
    }

    [TestMethod]
    public void Hash_LargeFilesDifferingBetweenSamples_ShareSampleHashButNotFullHash()
    {
        using var tree = new TempTree();
        var data = TempTree.RandomBytes(64 * 1024, 3);
        var a = tree.Write("a.bin", data);
        data[Sample + 100] ^= 0xFF; // after the head sample, before the middle one
        var b = tree.Write("b.bin", data);
        var hasher = new FileHasher(new HashParameters(HashAlgorithmName.Xxh128, Sample));
        var ha = hasher.Hash(a, UnixFiles.Stat(a));
        var hb = hasher.Hash(b, UnixFiles.Stat(b));
        Assert.AreEqual(ha.SampleHash, hb.SampleHash);
        Assert.IsNull(ha.FullHash, "large files get their full hash on demand only");
        Assert.AreNotEqual(hasher.FullHash(a, UnixFiles.Stat(a)), hasher.FullHash(b, UnixFiles.Stat(b)));
    }

    [TestMethod]
    public void Hash_LargeFile_ReadsOnlyThreeSamples()
    {
        using var tree = new TempTree();
        var path = tree.WriteRandom("big.bin", 1_000_000, 4);
        var counters = new HashCounters();
        new FileHasher(new HashParameters(HashAlgorithmName.Xxh128, Sample), counters).Hash(path, UnixFiles.Stat(path));
        Assert.AreEqual(3 * Sample, counters.BytesRead);
    }

    [TestMethod]
    public void Hash_TailChange_ChangesSampleHash()
    {
        using var tree = new TempTree();
        var data = TempTree.RandomBytes(100_000, 5);
        var a = tree.Write("a.bin", data);
        data[^1] ^= 1;
        var b = tree.Write("b.bin", data);
        var hasher = new FileHasher(new HashParameters(HashAlgorithmName.Xxh128, Sample));
        Assert.AreNotEqual(hasher.Hash(a, UnixFiles.Stat(a)).SampleHash, hasher.Hash(b, UnixFiles.Stat(b)).SampleHash);
    }

    [TestMethod]
    public void Hash_FileDeletedAfterStat_ThrowsVanished()
    {
        using var tree = new TempTree();
        var path = tree.WriteRandom("gone.bin", 10, 6);
        var stat = UnixFiles.Stat(path);
        File.Delete(path);
        var e = Assert.ThrowsExactly<StatException>(() => new FileHasher(new HashParameters()).Hash(path, stat));
        Assert.IsTrue(e.Vanished);
    }

    [TestMethod]
    public void Hash_FileRewrittenAfterStat_ThrowsChanged()
    {
        using var tree = new TempTree();
        var path = tree.WriteRandom("f.bin", 10, 6);
        var stat = UnixFiles.Stat(path);
        File.AppendAllText(path, "more");
        var e = Assert.ThrowsExactly<StatException>(() => new FileHasher(new HashParameters()).Hash(path, stat));
        StringAssert.Contains(e.Reason, "changed");
    }

    [TestMethod]
    public async Task Hash_FifoPassedAsFile_FailsAtOnceInsteadOfHanging()
    {
        using var tree = new TempTree();
        var fifo = tree.Fifo("pipe.mkv");
        var regular = UnixFiles.Stat(tree.WriteRandom("x", 10, 1));
        var task = Task.Run(() => new FileHasher(new HashParameters()).Hash(fifo, regular with { Size = 10 }));
        var e = await Assert.ThrowsExactlyAsync<StatException>(() => task.WaitAsync(TimeSpan.FromSeconds(10)));
        StringAssert.Contains(e.Reason, "not a regular file");
    }

    [TestMethod]
    public void Stat_Hardlinks_ShareDeviceAndInode()
    {
        using var tree = new TempTree();
        var a = tree.WriteRandom("a", 10, 1);
        var b = tree.HardLink("a", "b");
        var sa = UnixFiles.Stat(a);
        var sb = UnixFiles.Stat(b);
        Assert.IsTrue(sa.SameInode(sb));
        Assert.AreEqual(2u, sa.LinkCount);
        Assert.AreEqual($"10:{sa.MtimeNs / 1_000_000_000}:{sa.CtimeNs / 1_000_000_000}:{sa.Inode}:{sa.Device}", sa.InodeKey);
    }

    [TestMethod]
    public void HashParameters_UnknownAlgorithm_IsRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new HashParameters("md5").Validate());
        Assert.ThrowsExactly<ArgumentException>(() => new HashParameters(HashAlgorithmName.Xxh128, 10).Validate());
    }
}
