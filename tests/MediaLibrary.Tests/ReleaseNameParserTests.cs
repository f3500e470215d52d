using MediaLibrary.Common.ReleaseNames;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class ReleaseNameParserTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Parse_ReleaseNameTable_IsAtLeast95PercentExact()
    {
        var failures = new List<string>();
        foreach (var row in ReleaseNameTable.Rows)
        {
            var f = row.Split('|').Select(s => s.Trim()).ToArray();
            var p = ReleaseNameParser.Parse(f[0]);
            var problems = new List<string>();
            void Check(string field, string expected, string? actual)
            {
                if (!string.Equals(expected == "-" ? null : expected, actual, StringComparison.Ordinal))
                {
                    problems.Add($"{field}: expected '{expected}', got '{actual ?? "-"}'");
                }
            }
            var numbers = f[2];
            if (numbers.StartsWith("abs ", StringComparison.Ordinal))
            {
                Check("show", f[1], p.Show);
                Check("absolute", numbers[4..], p.AbsoluteEpisode?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (numbers.StartsWith("date ", StringComparison.Ordinal))
            {
                Check("show", f[1], p.Show);
                Check("date", numbers[5..], p.AirDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (numbers == "-")
            {
                Check("title", f[1], p.Title);
            }
            else
            {
                Check("show", f[1], p.Show);
                var se = numbers.Split('.');
                Check("season", se[0], p.Season?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Check("episodes", se[1], string.Join(',', p.Episodes));
            }
            Check("year", f[3], p.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Check("resolution", f[4], p.Resolution);
            Check("source", f[5], p.Source);
            Check("vcodec", f[6], p.VideoCodec);
            Check("group", f[7], p.ReleaseGroup);
            if (problems.Count > 0)
            {
                failures.Add($"{f[0]}: {string.Join("; ", problems)}");
            }
        }
        double accuracy = 1.0 - ((double)failures.Count / ReleaseNameTable.Rows.Length);
        TestContext.WriteLine($"parse accuracy: {accuracy:P1} of {ReleaseNameTable.Rows.Length} names exact in every field");
        foreach (var failure in failures)
        {
            TestContext.WriteLine("  wrong: " + failure);
        }
        Assert.IsGreaterThanOrEqualTo(0.95, accuracy, $"accuracy {accuracy:P1}; failures:\n{string.Join('\n', failures)}");
    }

    [TestMethod]
    [DataRow("Show.S01E01E02E03.mkv", "1,2,3")]
    [DataRow("Show.S01E01-E04.mkv", "1,2,3,4")]
    [DataRow("Show.S01E05.mkv", "5")]
    public void Parse_MultiEpisodeForms_ListEveryEpisode(string name, string episodes)
    {
        Assert.AreEqual(episodes, string.Join(',', ReleaseNameParser.Parse(name).Episodes));
    }
}
