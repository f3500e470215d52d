using MediaLibrary.Common.Classification;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class ClassifierTests
{
    private static readonly Classifier Default = new(new ClassifierSettings());

    [TestMethod]
    [DataRow("/m/Show/Season 01/Show.S01E01.mkv", "video", ".mkv")]
    [DataRow("/m/Movie (2001)/movie.MP4", "video", ".mp4")]
    [DataRow("/m/album/01 - Track.flac", "audio", ".flac")]
    [DataRow("/m/poster.JPG", "image", ".jpg")]
    [DataRow("/m/Show.S01E01.en.srt", "subtitle", ".srt")]
    [DataRow("/m/tvshow.nfo", "xml", ".nfo")]
    [DataRow("/m/notes.xyz", "unknown", ".xyz")]
    [DataRow("/m/README", "unknown", "")]
    [DataRow("/m/.hidden", "unknown", "")]
    [DataRow("/m/archive.tar.gz", "unknown", ".gz")]
    public void Classify_ByExtension_GivesKindAndLowerCaseExtension(string path, string kind, string ext)
    {
        var c = Default.Classify(path);
        Assert.AreEqual(kind, c.Kind);
        Assert.AreEqual(ext, c.Extension);
        Assert.IsNull(c.JunkReason);
    }

    [TestMethod]
    [DataRow("/d/movie.mkv.part", "*.part")]
    [DataRow("/d/Movie.MKV.PART", "*.part")]
    [DataRow("/d/file.!qB", "*.!qb")]
    [DataRow("/d/release.r00", "*.r00")]
    [DataRow("/d/release.r17", "*.r[0-9][0-9]")]
    [DataRow("/d/release.par2", "*.par2")]
    [DataRow("/d/setup.crdownload", "*.crdownload")]
    [DataRow("/d/Thumbs.db", "Thumbs.db")]
    [DataRow("/d/thumbs.db", "Thumbs.db")]
    [DataRow("/d/.DS_Store", ".DS_Store")]
    [DataRow("/d/movie-sample.mkv", "*-sample.*")]
    [DataRow("/d/sample.mkv", "sample.*")]
    public void Classify_JunkPattern_GivesJunkWithThePatternAsReason(string path, string pattern)
    {
        var c = Default.Classify(path);
        Assert.AreEqual(FileKind.Junk, c.Kind);
        Assert.AreEqual("pattern: " + pattern, c.JunkReason);
    }

    [TestMethod]
    [DataRow("/d/release.rar2")]
    [DataRow("/d/release.r1")]
    [DataRow("/d/samplers.mkv")]
    [DataRow("/d/partial.mkv")]
    public void Classify_NameOnlyResemblingJunk_IsNotJunk(string path)
    {
        Assert.AreNotEqual(FileKind.Junk, Default.Classify(path).Kind);
    }

    [TestMethod]
    public void Classify_ExcludedExtension_IsNeverJunk()
    {
        var c = new Classifier(new ClassifierSettings { JunkExcludeExtensions = [".zip"] });
        Assert.AreEqual(FileKind.Unknown, c.Classify("/d/photos.zip").Kind);
        Assert.AreEqual(FileKind.Junk, c.Classify("/d/photos.rar").Kind);
    }

    [TestMethod]
    public void Classify_OtherExtensionMatchingJunk_StaysOther()
    {
        var c = new Classifier(new ClassifierSettings { OtherExtensions = ["7z"] });
        var verdict = c.Classify("/d/backup.7z");
        Assert.AreEqual(FileKind.Other, verdict.Kind);
        Assert.IsNull(verdict.JunkReason);
    }

    [TestMethod]
    public void Constructor_InvalidGlob_ThrowsWithThePattern()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new Classifier(new ClassifierSettings { JunkPatterns = ["*.[a-"] }));
        StringAssert.Contains(e.Message, "*.[a-");
    }
}
