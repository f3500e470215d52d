using MediaLibrary.Common.Probing;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class MediaProberTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Probe_GeneratedClip_GivesExactFields()
    {
        using var tree = new TempTree();
        var clip = TestMedia.Video(tree.PathOf("clip.mp4"));
        var prober = new MediaProber(TimeSpan.FromSeconds(20));

        var info = await prober.ProbeAsync(clip, TestContext.CancellationToken);

        Assert.AreEqual("", info.ProbeError);
        Assert.AreEqual("h264", info.VideoCodec);
        Assert.AreEqual(320, info.Width);
        Assert.AreEqual(240, info.Height);
        Assert.AreEqual(25.0, info.FrameRate, 0.01);
        Assert.AreEqual(8, info.BitDepth);
        Assert.AreEqual(2.0, info.Duration, 0.1);
        StringAssert.Contains(info.Container, "mp4");
        CollectionAssert.AreEqual(new[] { "aac" }, info.AudioCodecs.ToArray());
        StringAssert.StartsWith(info.StreamsJson, "[");
        Assert.AreEqual(1, prober.Probes);
    }

    [TestMethod]
    public async Task Probe_RandomBytesNamedMkv_IsNotMediaWithoutRunningFfprobe()
    {
        using var tree = new TempTree();
        var fake = tree.WriteRandom("fake.mkv", 10_000, 1);
        var prober = new MediaProber(TimeSpan.FromSeconds(20));

        var info = await prober.ProbeAsync(fake, TestContext.CancellationToken);

        StringAssert.Contains(info.ProbeError, "not a media container");
        Assert.AreEqual(0, prober.Probes);
    }

    [TestMethod]
    public async Task Probe_TruncatedMp4_RecordsFfprobesError()
    {
        using var tree = new TempTree();
        var clip = TestMedia.Video(tree.PathOf("clip.mp4"));
        var bytes = File.ReadAllBytes(clip);
        var truncated = tree.Write("cut.mp4", bytes[..(bytes.Length / 3)]);

        var info = await new MediaProber(TimeSpan.FromSeconds(20)).ProbeAsync(truncated, TestContext.CancellationToken);

        Assert.IsFalse(string.IsNullOrEmpty(info.ProbeError), "a truncated MP4 has no moov atom");
    }

    [TestMethod]
    public async Task Probe_FifoNamedMkv_EndsAtTheTimeout()
    {
        using var tree = new TempTree();
        var fifo = tree.Fifo("stream.mkv");
        var started = DateTime.UtcNow;

        var info = await new MediaProber(TimeSpan.FromSeconds(1.5)).ProbeAsync(fifo, TestContext.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.CancellationToken);

        StringAssert.Contains(info.ProbeError, "did not answer");
        Assert.IsLessThan(15.0, (DateTime.UtcNow - started).TotalSeconds);
    }

    [TestMethod]
    [DataRow(new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0, 0, 0, 0, 0, 0, 0, 0 }, true)]
    [DataRow(new byte[] { 0, 0, 0, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', 0, 0, 0, 0 }, true)]
    [DataRow(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'A', (byte)'V', (byte)'I', (byte)' ' }, true)]
    [DataRow(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E' }, false)]
    [DataRow(new byte[] { (byte)'<', (byte)'h', (byte)'t', (byte)'m', (byte)'l', (byte)'>', 0, 0, 0, 0, 0, 0 }, false)]
    public void Sniffer_KnowsContainersByTheirFirstBytes(byte[] head, bool media)
    {
        Assert.AreEqual(media, ContainerSniffer.LooksLikeMedia(head));
    }

    [TestMethod]
    public async Task Verify_FindsATruncatedMkvThatFfprobeCallsHealthy()
    {
        using var tree = new TempTree();
        var good = TestMedia.Video(tree.PathOf("good.mkv"), "testsrc2", seconds: 6);
        var bytes = File.ReadAllBytes(good);
        var cut = tree.Write("cut.mkv", bytes[..(bytes.Length / 2)]);
        var probed = await new MediaProber(TimeSpan.FromSeconds(20)).ProbeAsync(cut, TestContext.CancellationToken);
        Assert.AreEqual("", probed.ProbeError, "ffprobe alone sees nothing wrong");
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var (exit, output, _) = await CliRunner.RunAsync("--catalog", tree.Catalog, "verify", "--json");

        Assert.AreEqual(1, exit);
        var report = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.AreEqual(2, report.GetProperty("checked_count").GetInt32());
        Assert.AreEqual(cut, report.GetProperty("damaged").EnumerateArray().Single().GetProperty("path").GetString());
    }

    [TestMethod]
    public async Task Probe_QuotesAndDashesInTheName_AreAFileNameNotOptions()
    {
        using var tree = new TempTree();
        var clip = TestMedia.Video(tree.PathOf("clip.mp4"));
        var odd = tree.PathOf("-odd \" -o \"x.mkv");
        File.Copy(clip, odd);

        var info = await new MediaProber(TimeSpan.FromSeconds(20)).ProbeAsync(odd, TestContext.CancellationToken);

        Assert.AreEqual("", info.ProbeError);
        Assert.AreEqual("h264", info.VideoCodec);
        Assert.IsFalse(File.Exists(tree.PathOf("x.mkv")), "nothing was written by an injected option");
    }
}
