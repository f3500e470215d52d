using BenchmarkDotNet.Attributes;
using MediaLibrary.Common.ReleaseNames;

namespace MediaLibrary.Bench;

/// <summary>Release-name parsing speed over the test corpus (every organize plan parses each video once).</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ParseThroughput
{
    private string[] _names = [];

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "..", "tests", "MediaLibrary.Tests", "Data",
            "release-names.tsv");
        _names = File.ReadLines(Environment.GetEnvironmentVariable("MLM_NAME_CORPUS") ?? corpus)
            .Skip(1).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')[0]).ToArray();
    }

    [Benchmark(Description = "parse the whole corpus")]
    public int ParseCorpus()
    {
        int episodes = 0;
        foreach (var name in _names)
        {
            episodes += ReleaseNameParser.Parse(name).IsEpisode ? 1 : 0;
        }
        return episodes;
    }
}
