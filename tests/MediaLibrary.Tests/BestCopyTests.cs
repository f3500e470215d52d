using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Quality;

namespace MediaLibrary.Tests;

/// <summary>The one best-copy rule: its criteria in their order, and hardlinks as one file.</summary>
[TestClass]
public sealed class BestCopyTests
{
    private static CatalogRecord Video(string path, int width, int height, long bitrate, string codec, long size, long inode) => new()
    {
        Source = "local", Path = path, Size = size, Device = 1, Inode = inode,
        Media = new MediaInfo { Width = width, Height = height, Bitrate = bitrate, VideoCodec = codec },
    };

    [TestMethod]
    public void Rank_ResolutionBeatsBitrateCodecAndSize()
    {
        var hd = Video("/a/hd.mkv", 1920, 1080, 2_000_000, "h264", 100, 1);
        var sd = Video("/a/sd.mkv", 1280, 720, 9_000_000, "av1", 900, 2);
        Assert.AreSame(hd, BestCopy.Rank([sd, hd])[0]);
    }

    [TestMethod]
    public void Rank_WithinOneResolutionClass_BitrateBeatsCodecAndSize()
    {
        var cropped = Video("/a/cropped.mkv", 1920, 1072, 8_000_000, "h264", 100, 1); // 1072 is still the 1080 class
        var other = Video("/a/other.mkv", 1920, 1080, 4_000_000, "av1", 900, 2);
        Assert.AreSame(cropped, BestCopy.Rank([other, cropped])[0]);
    }

    [TestMethod]
    public void Rank_SameResolutionAndBitrate_CodecBeatsSize()
    {
        var hevc = Video("/a/hevc.mkv", 1920, 1080, 4_000_000, "hevc", 100, 1);
        var h264 = Video("/a/h264.mkv", 1920, 1080, 4_000_000, "h264", 900, 2);
        Assert.AreSame(hevc, BestCopy.Rank([h264, hevc])[0]);
    }

    [TestMethod]
    public void Rank_AllElseEqual_TheLargerFileWins_ThenTheShorterPath()
    {
        var small = Video("/a/small.mkv", 1920, 1080, 0, "h264", 100, 1);
        var large = Video("/a/longer/large.mkv", 1920, 1080, 0, "h264", 200, 2);
        Assert.AreSame(large, BestCopy.Rank([small, large])[0]);
        var twin = Video("/a/x.mkv", 1920, 1080, 0, "h264", 200, 3);
        Assert.AreSame(twin, BestCopy.Rank([large, twin])[0], "a tie goes to the shorter path");
    }

    [TestMethod]
    public void Rank_AMeasuredBitrateNeverLosesToAMissingOne()
    {
        var measured = Video("/a/m.mkv", 1920, 1080, 5_000_000, "h264", 100, 1);
        var unknown = Video("/a/u.mkv", 1920, 1080, 0, "h264", 900, 2);
        Assert.AreSame(unknown, BestCopy.Rank([measured, unknown])[0], "without both bitrates, size decides");
    }

    [TestMethod]
    public void Reclaimable_HardlinksOfOneFileCountOnce_AndTheKeepersLinksNothing()
    {
        var keeper = Video("/a/k.mkv", 1920, 1080, 0, "h264", 1000, 1);
        var keeperLink = Video("/b/k.mkv", 1920, 1080, 0, "h264", 1000, 1);
        var copy = Video("/c/copy.mkv", 1280, 720, 0, "h264", 300, 2);
        var copyLink = Video("/d/copy.mkv", 1280, 720, 0, "h264", 300, 2);
        Assert.AreEqual(300, BestCopy.Reclaimable(keeper, [keeper, keeperLink, copy, copyLink]));
    }
}
