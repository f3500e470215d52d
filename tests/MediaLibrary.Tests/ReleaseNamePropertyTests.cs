using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using CsCheck;
using MediaLibrary.Common.Organizing;
using MediaLibrary.Common.ReleaseNames;

namespace MediaLibrary.Tests;

/// <summary>
/// The parser on generated names (CsCheck; a failure prints the seed that replays it): whatever the
/// string, it returns, quickly, something a template can use or that names what is missing.
/// </summary>
[TestClass]
public sealed class ReleaseNamePropertyTests
{
    private const int Iterations = 4000;

    // Generous for a loaded CI machine: a name parses in about 10 µs, a catastrophic backtrack in seconds.
    private static readonly TimeSpan PerName = TimeSpan.FromMilliseconds(50);

    private static readonly NamingTemplate Episode = new("{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}[ - {episode_title}]{ext}");
    private static readonly NamingTemplate Absolute = new("{show}/{show} - {absolute:03d}{ext}");
    private static readonly NamingTemplate Daily = new("{show}/{show} - {air_date}{ext}");
    private static readonly NamingTemplate Film = new("{title} ({year})/{title} ({year})[ {edition}]{ext}");

    // Pieces of real release names, and of the names that broke parsers: full-width and other scripts'
    // digits, combining marks, right-to-left text, emoji, lone surrogates, control characters, brackets.
    private static readonly string[] Pieces =
    [
        "Show", "Name", "The", "Title", "Movie", "2019", "1999", "24", "1883", "9-1-1", "100", "S01E02", "S1", "E03", "-E04", "E05E06",
        "1x02", "-1x03", "s03-x01", "101", "0807", "525", "Ep. 4", "Episode 4", "Part 2", "2021.12.31", "12.31.2021", "31.12.2021",
        "1080p", "2160p", "720p", "x264", "H.265", "HEVC", "10bit", "10-bit", "5.1", "DD+7.1", "DDP5.1", "WEB-DL", "BluRay", "HDTV",
        "-GRP", "[Group]", "【字幕组】", "【第12話】", "第12集", "第3季", "作品名", "12v2", "[ABCD1234]", "www.Site.com - ", "Site.org_",
        "3D", "HSBS", "H-OU", "Director's Cut", "Extended", "IMAX", "(2017)", "Season 3", "１５８", "٣٤", "१२", "e\u0301", "\u0300\u0301\u0302",
        "שלום", "مرحبا", "\u202E", "\u200F", "🎬", "👨‍👩‍👧", "\uD800", "\uDC00", "\u0000", "\u001B", "\t", "\n", "\u007F", "\uFEFF",
        "[", "]", "(", ")", "{", "}", "[[", "]]", "((", "))", "【", "】", "「", "」", "-", " - ", ".", "..", "_", "+", "~", "/", "\\", " ", "",
    ];

    private static readonly Gen<string> Piece = Gen.OneOf(Pieces);

    private static readonly Gen<string> Separator = Gen.OneOf(".", " ", "_", "-", " - ", "", "/", "][");

    /// <summary>Release-like names: pieces joined by separators, with an extension now and then.</summary>
    private static readonly Gen<string> ReleaseLike =
        Gen.Select(Piece, Separator).Array[1, 24]
            .Select(Gen.OneOf("", ".mkv", ".mp4", ".avi", ".srt", "."), (parts, ext) => string.Concat(parts.Select(p => p.Item1 + p.Item2)) + ext);

    /// <summary>Any characters at all, lone surrogates included.</summary>
    private static readonly Gen<string> AnyText = Gen.Char.Array[0, 80].Select(c => new string(c));

    [TestMethod]
    public void Parse_ReleaseLikeNames_ReturnsQuicklyAndFillsATemplateOrNamesTheMissingField() =>
        ReleaseLike.Sample(AssertReadable, iter: Iterations, threads: 1);

    [TestMethod]
    public void Parse_AnyCharacters_ReturnsQuicklyAndFillsATemplateOrNamesTheMissingField() =>
        AnyText.Sample(AssertReadable, iter: Iterations, threads: 1);

    [TestMethod]
    public void Parse_HugeNamesAndDeepPaths_ReturnQuickly()
    {
        var longName = Gen.Select(ReleaseLike, Gen.Int[1, 200]).Select((name, n) => string.Concat(Enumerable.Repeat(name, n))[..Math.Min(4096,
            name.Length * n)] + ".mkv");
        longName.Sample(AssertReadable, iter: 200, threads: 1, print: Short);
        var deepPath = Gen.Select(ReleaseLike.Array[60], ReleaseLike).Select((folders, file) => "/" + string.Join('/', folders) + "/" + file);
        deepPath.Sample(AssertReadable, iter: 200, threads: 1, print: Short);
        // Runs of one character are where backtracking patterns blow up.
        foreach (var c in " .-_[](){}0123456789xXsSeE+~!'\"#v【】１")
        {
            AssertReadable(new string(c, 4096));
            AssertReadable("Show " + new string(c, 4000) + " S01E01 1080p");
        }
    }

    [TestMethod]
    public void Parse_FullWidthDigits_ReadAsTheirAsciiNumber()
    {
        var p = ReleaseNameParser.Parse("[Subz] My Series - １５８ [h264 10-bit][1080p].mkv");

        Assert.AreEqual("My Series", p.Show);
        Assert.AreEqual(158, p.AbsoluteEpisode);
        Assert.AreEqual("1080p", p.Resolution);
    }

    [TestMethod]
    public void EveryPatternOfTheParser_HasAMatchTimeout()
    {
        var patterns = typeof(ReleaseNameParser).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ReleaseNameParser).Namespace)
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0)
            .ToList();

        Assert.IsGreaterThan(20, patterns.Count);
        foreach (var m in patterns)
        {
            var regex = (Regex)m.Invoke(null, null)!;
            Assert.IsTrue(regex.MatchTimeout != Regex.InfiniteMatchTimeout || regex.Options.HasFlag(RegexOptions.NonBacktracking),
                $"{m.DeclaringType!.Name}.{m.Name} has no timeout");
        }
    }

    private static string Short(string name) => name.Length <= 300 ? name : $"{name[..300]}... ({name.Length} characters)";

    private static void AssertReadable(string name)
    {
        var clock = Stopwatch.StartNew();
        var parsed = ReleaseNameParser.Parse(name);
        var elapsed = clock.Elapsed;
        if (elapsed > PerName)
        {
            // Once more, warm: the first call of a pattern pays for its JIT.
            clock.Restart();
            parsed = ReleaseNameParser.Parse(name);
            elapsed = clock.Elapsed;
        }
        Assert.IsLessThan(PerName, elapsed, $"{elapsed.TotalMilliseconds:F1} ms");

        var template = parsed switch
        {
            { IsEpisode: true, AirDate: not null } => Daily,
            { IsEpisode: true, Episodes.Count: > 0 } => Episode,
            { IsEpisode: true } => Absolute,
            _ => Film,
        };
        var path = template.Render(TemplateValues.From(parsed, ".mkv"), out var missing);
        if (missing.Count == 0)
        {
            Assert.IsTrue(path.Split('/').All(segment => segment.Length > 0), $"an empty folder in '{path}'");
        }
        else
        {
            Assert.IsTrue(missing.All(NamingTemplate.Tokens.Contains), string.Join(", ", missing));
        }
        Assert.IsFalse(parsed.IsEpisode && string.IsNullOrWhiteSpace(parsed.Show), "an episode names its show");
        Assert.IsTrue(parsed.Episodes.All(e => e >= 0) && parsed.Episodes.Count <= 101, "episodes: " + string.Join(',', parsed.Episodes));
    }
}
