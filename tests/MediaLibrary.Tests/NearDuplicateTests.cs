using MediaLibrary.Common.Probing;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class NearDuplicateTests
{
    [TestMethod]
    public async Task DupesNear_GroupsVariantsOfAClipAndNeverTwoClips()
    {
        using var tree = new TempTree();
        foreach (var source in new[] { "testsrc", "mandelbrot" })
        {
            var original = TestMedia.Video(tree.PathOf($"{source}/original.mkv"), source, seconds: 8);
            TestMedia.Run("-i", original, "-c", "copy", tree.PathOf($"{source}/remux.mp4"));
            TestMedia.Run("-i", original, "-vf", "scale=160:120", "-c:v", "libx264", "-preset", "veryfast", "-b:v", "100k", tree.PathOf($"{source}/small.mp4"));
            TestMedia.Run("-ss", "1", "-i", original, "-t", "6", "-c:v", "libx264", "-preset", "veryfast", tree.PathOf($"{source}/trimmed.mkv"));
        }
        var (exit, output, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "--media", tree.Files);
        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "fingerprinted 8");

        var near = await CliRunner.JsonAsync("--catalog", tree.Catalog, "dupes", "--near", "--json");

        Assert.AreEqual(2, near.GetProperty("group_count").GetInt32());
        foreach (var group in near.GetProperty("groups").EnumerateArray())
        {
            var paths = group.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToList();
            Assert.HasCount(4, paths);
            Assert.HasCount(1, paths.Select(p => Path.GetFileName(Path.GetDirectoryName(p))).Distinct(), "never two clips in one group");
            var best = group.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("best").GetBoolean());
            Assert.AreEqual(320, best.GetProperty("width").GetInt32(), "the full-resolution copy is the one to keep");
        }

        var again = await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "--media", tree.Files);
        StringAssert.Contains(again.Out, "Probed 0 videos", "unchanged videos are never probed or fingerprinted twice");
    }

    [TestMethod]
    public async Task AFullHashOfAnUnchangedVideo_KeepsWhatProbingLearnt()
    {
        using var tree = new TempTree();
        TestMedia.Video(tree.PathOf("clip.mkv"), seconds: 4);
        // 4 KiB samples: the clip is larger than three of them, so its first scan takes samples only.
        var (exit, output, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "--media", "--sample-size", "4K", tree.Files);
        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "Probed 1 videos");

        // Asking for full hashes reads the bytes again; the identity is the same, so ffprobe is not run again.
        (exit, output, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "--media", "--full-hash", "--sample-size", "4K", tree.Files);

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "Probed 0 videos");
    }

    [TestMethod]
    public async Task DupesNear_FindsAProbableIncompleteCopy()
    {
        using var tree = new TempTree();
        var film = TestMedia.Video(tree.PathOf("Film.mkv"), "testsrc2", seconds: 4);
        var bytes = File.ReadAllBytes(film);
        tree.Write("downloads/Film.mkv.part", bytes[..(bytes.Length / 2)]);
        tree.Write("downloads/Other.mkv.part", TempTree.RandomBytes(bytes.Length / 2, 3));
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var near = await CliRunner.JsonAsync("--catalog", tree.Catalog, "dupes", "--near", "--json");

        var partial = near.GetProperty("partial_copies").EnumerateArray().Single();
        Assert.AreEqual(tree.PathOf("downloads/Film.mkv.part"), partial.GetProperty("partial").GetString());
        Assert.AreEqual(film, partial.GetProperty("complete").GetString());
    }

    [TestMethod]
    public void PerceptualHash_SameImageIsZeroApartAndItsNegativeIsFar()
    {
        var image = new byte[32 * 32];
        for (int i = 0; i < image.Length; i++)
        {
            image[i] = (byte)((i % 32 * 8) ^ (i / 32 * 3));
        }
        var negative = image.Select(b => (byte)(255 - b)).ToArray();
        var a = PerceptualHash.Of(image);
        Assert.AreEqual(0, PerceptualHash.Distance(a, PerceptualHash.Of(image)));
        Assert.IsGreaterThan(40, PerceptualHash.Distance(a, PerceptualHash.Of(negative)));
    }
}
