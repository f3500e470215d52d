using System.Text.Json;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Organizing;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

/// <summary>One name the parser cannot read costs that file its place, never the plan of the others.</summary>
[TestClass]
public sealed class OrganizeUnreadableNameTests
{
    private const string Template = "{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}{ext}";

    [TestMethod]
    public async Task Organize_AFullWidthNameAmongNormalOnes_PlansTheNormalOnes()
    {
        using var tree = new TempTree();
        var odd = tree.WriteRandom("in/[Subz] My Series - １５８ [h264 10-bit][1080p].mkv", 10, 1);
        var first = tree.WriteRandom("in/Show.S01E01.720p.mkv", 10, 2);
        var second = tree.WriteRandom("in/Show.S01E02.720p.mkv", 10, 3);
        var dest = Path.Combine(tree.Root, "library");
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var (exit, output, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "organize", "--template", Template, "--dest", dest, "--json");

        Assert.AreEqual(0, exit, error);
        var entries = JsonDocument.Parse(output).RootElement.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("source").GetString()!);
        Assert.AreEqual(Path.Combine(dest, "Show/Season 01/Show - S01E01.mkv"), entries[first].GetProperty("target").GetString());
        Assert.AreEqual(Path.Combine(dest, "Show/Season 01/Show - S01E02.mkv"), entries[second].GetProperty("target").GetString());
        // Read as episode 158 of "My Series": no season for this template, so it stays, with the reason.
        StringAssert.Contains(entries[odd].GetProperty("conflict").GetString(), "no season");
    }

    [TestMethod]
    public async Task Plan_ANameWhoseReadingThrows_IsThatFilesConflict_AndTheRestIsPlanned()
    {
        using var tree = new TempTree();
        var bad = tree.WriteRandom("in/Bad.S01E01.mkv", 10, 1);
        var good = tree.WriteRandom("in/Good.S01E01.mkv", 10, 2);
        var dest = Path.Combine(tree.Root, "library");
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        using var catalog = CatalogStore.Open(tree.Catalog);
        var planner = new OrganizePlanner(catalog, new NamingTemplate(Template), dest, ConflictPolicy.Skip)
        {
            ReadName = path => path == bad ? throw new FormatException("not a number") : Common.ReleaseNames.ReleaseNameParser.Parse(path),
        };

        var plan = planner.Plan([tree.Files]).ToDictionary(e => e.Source);

        Assert.AreEqual("the name could not be read: not a number", plan[bad].Conflict);
        Assert.AreEqual(bad, plan[bad].Target, "it stays where it is");
        Assert.IsNull(plan[good].Conflict);
        Assert.AreEqual(Path.Combine(dest, "Good/Season 01/Good - S01E01.mkv"), plan[good].Target);
    }
}
