using System.Text.RegularExpressions;

namespace MediaLibrary.Tests;

/// <summary>Habits the build cannot check: line length, and which Common folder may use which.</summary>
[TestClass]
public sealed partial class CodeShapeTests
{
    private const int MaxLine = 160;

    // Lower folders first: a folder of Common may use only those before it (docs/ARCHITECTURE.md).
    private static readonly string[] FolderOrder =
        ["Identity", "Hashing", "Walking", "Classification", "Catalog", "Scanning", "Probing", "ReleaseNames", "Quality", "Duplicates", "Actions",
            "Organizing", "Ingest", "Net"];

    [GeneratedRegex(@"^using MediaLibrary\.Common\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex CommonUsing();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediaLibrary.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("MediaLibrary.sln not found above the test binaries");
    }

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));

    [TestMethod]
    public void NoLine_IsLongerThan160()
    {
        var root = RepoRoot();
        var long_ = SourceFiles(root)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, line.Length)))
            .Where(x => x.Length > MaxLine)
            .Select(x => $"{x.File}:{x.Line} ({x.Length})")
            .ToList();
        Assert.IsEmpty(long_, string.Join("\n", long_));
    }

    [TestMethod]
    public void CommonFolders_UseOnlyLowerFolders()
    {
        var common = Path.Combine(RepoRoot(), "Common");
        var wrong = new List<string>();
        foreach (var file in SourceFiles(common))
        {
            var folder = Path.GetRelativePath(common, file).Split('/')[0];
            int own = Array.IndexOf(FolderOrder, folder);
            if (own < 0)
            {
                continue; // Common.csproj's own files
            }
            foreach (Match m in CommonUsing().Matches(File.ReadAllText(file)))
            {
                if (Array.IndexOf(FolderOrder, m.Groups[1].Value) is var used && used > own)
                {
                    wrong.Add($"{Path.GetRelativePath(common, file)} uses {m.Groups[1].Value}");
                }
            }
        }
        Assert.IsEmpty(wrong, string.Join("\n", wrong));
    }
}
