using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Organizing;
using MediaLibrary.Common.ReleaseNames;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class NamingTemplateTests
{
    private static readonly TemplateValues Episode = TemplateValues.From(
        ReleaseNameParser.Parse("Breaking.Bad.S05E14.Ozymandias.1080p.BluRay.x265-RARBG.mkv"), ".mkv");

    [TestMethod]
    public void Render_SeedTemplate_GivesTheClassicName()
    {
        Assert.AreEqual("Breaking Bad - S05E14.mkv", new NamingTemplate("{show} - S{season:02d}E{episode:02d}{ext}").Render(Episode));
    }

    [TestMethod]
    public void Render_EveryToken_FillsItsField()
    {
        var values = new TemplateValues
        {
            Show = "Show", Season = 1, Episodes = [2, 3], AbsoluteEpisode = 42, EpisodeTitle = "Pilot", AirDate = new DateOnly(2023, 5, 17),
            Title = "Film", Year = 1999, Resolution = "1080p", Source = "BluRay", VideoCodec = "HEVC", AudioCodec = "AAC",
            ReleaseGroup = "GRP", Edition = "Extended", Languages = ["FRENCH"], Extension = ".mkv",
        };
        const string template = "{show}|{season:02d}|{episode:02d}|{episodes:02d}|{episodes_range:02d}|{absolute:03d}|{episode_title}|{air_date}|" +
            "{title}|{year}|{resolution}|{source}|{vcodec}|{acodec}|{group}|{edition}|{language}|{ext}";
        Assert.IsTrue(NamingTemplate.Tokens.All(token => template.Contains("{" + token, StringComparison.Ordinal)), "the template uses every token");
        Assert.AreEqual("Show-01-02-02E03-02-E03-042-Pilot-2023-05-17-Film-1999-1080p-BluRay-HEVC-AAC-GRP-Extended-FRENCH-.mkv",
            new NamingTemplate(template).Render(values));
    }

    [TestMethod]
    public void Render_FoldersAndOptionalSections()
    {
        var t = new NamingTemplate("{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}[ - {episode_title}][ [[{resolution}]]]{ext}");
        Assert.AreEqual("Breaking Bad/Season 05/Breaking Bad - S05E14 - Ozymandias [1080p].mkv", t.Render(Episode));
        var noTitle = Episode with { EpisodeTitle = null, Resolution = null };
        Assert.AreEqual("Breaking Bad/Season 05/Breaking Bad - S05E14.mkv", t.Render(noTitle));
    }

    [TestMethod]
    public void Render_MultiEpisodeStyles()
    {
        var values = Episode with { Episodes = [1, 2, 3] };
        Assert.AreEqual("S05E01E02E03", new NamingTemplate("S{season:02d}E{episodes:02d}").Render(values));
        Assert.AreEqual("S05E01-E03", new NamingTemplate("S{season:02d}E{episodes_range:02d}").Render(values));
    }

    [TestMethod]
    [DataRow("{show} {nope}", "unknown token '{nope}'")]
    [DataRow("{season:02x}", "bad format spec")]
    [DataRow("{show:02d}", "bad format spec")]
    [DataRow("{show", "not closed")]
    [DataRow("[{show}", "not closed")]
    [DataRow("{show}]", "without '['")]
    public void Constructor_BadTemplate_IsAClearError(string template, string message)
    {
        var e = Assert.ThrowsExactly<TemplateException>(() => new NamingTemplate(template));
        StringAssert.Contains(e.Message, message);
    }

    [TestMethod]
    [DataRow("Star Wars: A New Hope", "Star Wars - A New Hope")]
    [DataRow("What? <Why> \"Now\" *", "What Why Now")]
    [DataRow("AC/DC | Live", "AC-DC - Live")]
    [DataRow("CON", "CON_")]
    [DataRow("aux.mkv", "aux_.mkv")]
    [DataRow("Ends with dots...", "Ends with dots")]
    [DataRow("tab\there", "tabhere")]
    public void SafeName_FixesWhatFileSystemsRefuse(string name, string expected)
    {
        Assert.AreEqual(expected, SafeName.Segment(name));
    }

    [TestMethod]
    public void SafeName_LongNames_AreCutKeepingTheExtension()
    {
        var name = new string('é', 300) + ".mkv";
        var safe = SafeName.Segment(name);
        Assert.IsLessThanOrEqualTo(255, System.Text.Encoding.UTF8.GetByteCount(safe));
        StringAssert.EndsWith(safe, ".mkv");
    }

    [TestMethod]
    public void From_ProbedMetadataBeatsTheNamesGuess()
    {
        var parsed = ReleaseNameParser.Parse("Film.2010.720p.x264-GRP.mkv");
        var values = TemplateValues.From(parsed, ".mkv", new MediaInfo { Width = 1920, Height = 800, VideoCodec = "hevc", AudioCodecs = ["eac3"] });
        Assert.AreEqual("1080p", values.Resolution);
        Assert.AreEqual("HEVC", values.VideoCodec);
        Assert.AreEqual("EAC3", values.AudioCodec);
    }
}
