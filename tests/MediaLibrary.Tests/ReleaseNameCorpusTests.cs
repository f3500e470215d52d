using System.Globalization;
using MediaLibrary.Common.ReleaseNames;

namespace MediaLibrary.Tests;

/// <summary>
/// The parser against Data/release-names.tsv: hundreds of real-world release names (sources named in
/// the file) with what they mean, written without looking at the parser's output. Reports accuracy
/// per field and for "placement" (the fields that decide where a file goes).
/// </summary>
[TestClass]
public sealed class ReleaseNameCorpusTests
{
    private static readonly string[] Fields =
        ["type", "show_or_title", "season", "episodes", "absolute", "air_date", "year", "episode_title", "resolution", "source", "vcodec", "acodec", "group",
            "edition", "languages"];

    // The fields a naming template files by: a mistake in one of them puts the file in the wrong place.
    private static readonly string[] Placement = ["type", "show_or_title", "season", "episodes", "absolute", "air_date", "year"];

    public TestContext TestContext { get; set; } = null!;

    internal static IEnumerable<string[]> Rows(string file = "release-names.tsv") =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", file))
            .Skip(1)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'));

    /// <summary>What the parser says, in the table's notation.</summary>
    internal static Dictionary<string, string> Actual(string name)
    {
        var p = ReleaseNameParser.Parse(name);
        static string Or(string? s) => string.IsNullOrEmpty(s) ? "-" : s;
        static string Num(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "-";
        return new Dictionary<string, string>
        {
            ["type"] = p.IsEpisode ? "episode" : "movie",
            ["show_or_title"] = Or(p.IsEpisode ? p.Show : p.Title),
            ["season"] = Num(p.Season),
            ["episodes"] = p.Episodes.Count > 0 ? string.Join(',', p.Episodes) : "-",
            ["absolute"] = Num(p.AbsoluteEpisode),
            ["air_date"] = p.AirDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
            ["year"] = Num(p.Year),
            ["episode_title"] = Or(p.EpisodeTitle),
            ["resolution"] = Or(p.Resolution),
            ["source"] = Or(p.Source),
            ["vcodec"] = Or(p.VideoCodec),
            ["acodec"] = Or(p.AudioCodec),
            ["group"] = Or(p.ReleaseGroup),
            ["edition"] = Or(p.Edition),
            ["languages"] = p.Languages.Count > 0 ? string.Join(',', p.Languages) : "-",
        };
    }

    [TestMethod]
    public void Corpus_HasHundredsOfWellFormedRows()
    {
        var rows = Rows().ToList();
        Assert.IsGreaterThanOrEqualTo(400, rows.Count);
        foreach (var row in rows)
        {
            Assert.HasCount(Fields.Length + 1, row, string.Join(" | ", row));
        }
        Assert.HasCount(rows.Count, rows.Select(r => r[0]).Distinct(), "no name twice");
    }

    [TestMethod]
    public void Parse_NeverThrows_OnTruncatedMutatedOrOddNames()
    {
        var rng = new Random(1);
        string[] odd = ["", ".", "-", "[", "[]", "()", "[a] - 12", "[Grp] 12 - [1080p]", "[x]]]]", "((((", "- - -", "00000000", "S9999E99999.mkv", "x264-",
            "-GROUP", "Title (", "////", "Season 1/01.mkv", "[ www.x.com ] -", new string('x', 5000)];
        foreach (var name in Rows().Select(r => r[0]).Concat(odd))
        {
            var variants = Enumerable.Range(0, name.Length + 1).Select(i => name[..i]).ToList();
            for (int k = 0; k < 5 && name.Length > 0; k++)
            {
                var c = name.ToCharArray();
                c[rng.Next(c.Length)] = " .-_[]()x0123456789SEp"[rng.Next(22)];
                variants.Add(new string(c));
            }
            foreach (var v in variants)
            {
                _ = ReleaseNameParser.Parse(v); // any exception fails the test with the name in the trace
            }
        }
    }

    [TestMethod]
    public void Parse_Corpus_AccuracyPerField()
    {
        var (placement, all, perField) = Measure("release-names.tsv");
        // Floors a little under what was measured (docs/BENCHMARKS.md: 99.6 % placement, 99.1 % every
        // field, after the parser was tuned on this file): a change that makes the parser worse fails.
        Assert.IsGreaterThanOrEqualTo(0.98, placement, $"placement accuracy {placement:P1}");
        Assert.IsGreaterThanOrEqualTo(0.97, all, $"every field exact {all:P1}");
        foreach (var (field, rate) in perField)
        {
            Assert.IsGreaterThanOrEqualTo(0.98, rate, $"{field}: {rate:P1}");
        }
    }

    /// <summary>A second table, written after the parser was tuned on the first and never used to tune
    /// it: the honest measure of how the parser does on names it has not seen.</summary>
    [TestMethod]
    public void Parse_HeldOutCorpus_AccuracyPerField()
    {
        var rows = Rows("release-names-holdout.tsv").ToList();
        Assert.IsGreaterThanOrEqualTo(200, rows.Count);
        Assert.IsEmpty(rows.Select(r => r[0]).Intersect(Rows().Select(r => r[0])), "no name of the tuning table");
        var (placement, all, perField) = Measure("release-names-holdout.tsv");
        // Its first measurement (90.7 % placement, 81.0 % every field) is the honest one; its failures
        // were then studied and the general ones fixed (96.0 %, 94.7 %), so the floors now guard those.
        Assert.IsGreaterThanOrEqualTo(HeldOutFloors.Placement, placement, $"placement accuracy {placement:P1}");
        Assert.IsGreaterThanOrEqualTo(HeldOutFloors.AllFields, all, $"every field exact {all:P1}");
    }

    /// <summary>A third table, from yet other sources (Jellyfin, Kodi, tvnamer, PTT...), first measured
    /// after all the tuning on the other two.</summary>
    [TestMethod]
    public void Parse_ThirdCorpus_AccuracyPerField()
    {
        var rows = Rows("release-names-third.tsv").ToList();
        Assert.IsGreaterThanOrEqualTo(200, rows.Count);
        Assert.IsEmpty(rows.Select(r => r[0]).Intersect(Rows().Select(r => r[0]).Concat(Rows("release-names-holdout.tsv").Select(r => r[0]))),
            "no name of the other tables");
        var (placement, all, _) = Measure("release-names-third.tsv");
        Assert.IsGreaterThanOrEqualTo(ThirdFloors.Placement, placement, $"placement accuracy {placement:P1}");
        Assert.IsGreaterThanOrEqualTo(ThirdFloors.AllFields, all, $"every field exact {all:P1}");
    }

    /// <summary>A fourth table (mostly ordinary library names; autobrr, SickGear, tinyMediaManager...),
    /// written after all the tuning and measured once, never tuned on: the current parser's accuracy
    /// on names it has not seen.</summary>
    [TestMethod]
    public void Parse_FourthCorpus_AccuracyPerField()
    {
        var rows = Rows("release-names-fourth.tsv").ToList();
        Assert.IsGreaterThanOrEqualTo(200, rows.Count);
        var others = Rows().Concat(Rows("release-names-holdout.tsv")).Concat(Rows("release-names-third.tsv")).Select(r => r[0]);
        Assert.IsEmpty(rows.Select(r => r[0]).Intersect(others), "no name of the other tables");
        var (placement, all, _) = Measure("release-names-fourth.tsv");
        Assert.IsGreaterThanOrEqualTo(FourthFloors.Placement, placement, $"placement accuracy {placement:P1}");
        Assert.IsGreaterThanOrEqualTo(FourthFloors.AllFields, all, $"every field exact {all:P1}");
    }

    private (double Placement, double AllFields, List<(string Field, double Rate)> PerField) Measure(string file)
    {
        var rows = Rows(file).ToList();
        var right = Fields.ToDictionary(f => f, _ => 0);
        int placementExact = 0, allExact = 0;
        var failures = new List<string>();
        foreach (var row in rows)
        {
            Assert.HasCount(Fields.Length + 1, row, string.Join(" | ", row));
            var actual = Actual(row[0]);
            var wrong = Fields.Select((f, i) => (Field: f, Expected: row[i + 1].Trim(), Actual: actual[f])).Where(x => x.Expected != x.Actual).ToList();
            foreach (var field in Fields.Except(wrong.Select(w => w.Field)))
            {
                right[field]++;
            }
            placementExact += wrong.Any(w => Placement.Contains(w.Field)) ? 0 : 1;
            allExact += wrong.Count == 0 ? 1 : 0;
            if (wrong.Count > 0)
            {
                failures.Add($"{row[0]}: {string.Join("; ", wrong.Select(w => $"{w.Field} '{w.Actual}' (want '{w.Expected}')"))}");
            }
        }

        double Rate(int n) => (double)n / rows.Count;
        TestContext.WriteLine($"{file}: {rows.Count} names");
        TestContext.WriteLine($"placement exact (type, show/title, season, episodes, absolute, air date, year): {Rate(placementExact):P1}");
        TestContext.WriteLine($"every field exact: {Rate(allExact):P1}");
        foreach (var field in Fields)
        {
            TestContext.WriteLine($"  {field,-14} {Rate(right[field]):P1}");
        }
        foreach (var failure in failures)
        {
            TestContext.WriteLine("  wrong: " + failure);
        }
        return (Rate(placementExact), Rate(allExact), Fields.Select(f => (f, Rate(right[f]))).ToList());
    }

    // Set from its one measurement (docs/BENCHMARKS.md), a little under it; not tuned on.
    private static class FourthFloors
    {
        public const double Placement = 0.92;
        public const double AllFields = 0.87;
    }

    // Its first measurement (84.9 % placement, 74.5 % every field) is the honest one; its failures
    // were then studied and the general ones fixed (95.4 %, 90.8 %), so the floors now guard those.
    private static class ThirdFloors
    {
        public const double Placement = 0.93;
        public const double AllFields = 0.88;
    }

    // A little under the measurement after its failures were studied (docs/BENCHMARKS.md).
    private static class HeldOutFloors
    {
        public const double Placement = 0.94;
        public const double AllFields = 0.92;
    }
}
