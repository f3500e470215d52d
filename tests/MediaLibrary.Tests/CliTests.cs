using System.Diagnostics;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class CliTests
{
    [TestMethod]
    public async Task ScanThenDupesJson_ReportsTheGroupWithExactPaths()
    {
        using var tree = new TempTree();
        var data = TempTree.RandomBytes(300_000, 1);
        var a = tree.Write("Movies/Film (2001)/film.mkv", data);
        var b = tree.Write("Backup/-film copy\nwith newline ü.mkv", data);
        tree.WriteRandom("Movies/other.mkv", 300_000, 2);

        var (exit, output, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "--quiet", tree.Files);
        Assert.AreEqual(0, exit, error);
        Assert.AreEqual("", output, "--quiet prints nothing on success");

        var json = await CliRunner.JsonAsync("--catalog", tree.Catalog, "dupes", "--json");
        Assert.AreEqual(1, json.GetProperty("version").GetInt32());
        Assert.AreEqual(1, json.GetProperty("group_count").GetInt32());
        Assert.AreEqual(300_000, json.GetProperty("reclaimable_bytes").GetInt64());
        var group = json.GetProperty("groups")[0];
        Assert.AreEqual("xxh128", group.GetProperty("algo").GetString());
        var paths = group.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToArray();
        CollectionAssert.AreEqual(new[] { b, a }, paths);
    }

    [TestMethod]
    public async Task DupesTable_ShowsNewlinesEscapedAndASummary()
    {
        using var tree = new TempTree();
        var data = TempTree.RandomBytes(1000, 1);
        tree.Write("x\ny.mkv", data);
        tree.Write("z.mkv", data);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var (exit, output, _) = await CliRunner.RunAsync("--catalog", tree.Catalog, "dupes");

        Assert.AreEqual(0, exit);
        StringAssert.Contains(output, "x\\ny.mkv");
        StringAssert.Contains(output, "1 groups, 2 files, 1000 B reclaimable.");
    }

    [TestMethod]
    public async Task DupesCsv_QuotesFieldsThatNeedIt()
    {
        using var tree = new TempTree();
        var data = TempTree.RandomBytes(1000, 1);
        tree.Write("a,b.mkv", data);
        tree.Write("c\"d.mkv", data);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var (_, output, _) = await CliRunner.RunAsync("--catalog", tree.Catalog, "dupes", "--csv");

        var lines = output.TrimEnd().Split('\n');
        Assert.AreEqual("group,size,reclaimable_bytes,algo,hash,source,path,device,inode,hardlink_of", lines[0]);
        Assert.HasCount(3, lines);
        StringAssert.Contains(lines[1], $"\"{tree.PathOf("a,b.mkv")}\"");
        StringAssert.Contains(lines[2], $"\"{tree.PathOf("c\"\"d.mkv")}\"");
    }

    [TestMethod]
    public async Task DupesMinSize_LeavesOutSmallerGroups()
    {
        using var tree = new TempTree();
        var small = TempTree.RandomBytes(1000, 1);
        var big = TempTree.RandomBytes(20_000, 2);
        tree.Write("s1", small);
        tree.Write("s2", small);
        tree.Write("b1", big);
        tree.Write("b2", big);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var json = await CliRunner.JsonAsync("--catalog", tree.Catalog, "dupes", "--json", "--min-size", "10K");

        Assert.AreEqual(20_000, json.GetProperty("groups")[0].GetProperty("size").GetInt64());
        Assert.AreEqual(1, json.GetProperty("group_count").GetInt32());
    }

    [TestMethod]
    public async Task JunkJson_ListsJunkWithReasonsAndTotal()
    {
        using var tree = new TempTree();
        tree.Write("dl/a.part", new byte[10]);
        tree.Write("dl/b.r42", new byte[5]);
        tree.Write("dl/movie.mkv", new byte[7]);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);

        var json = await CliRunner.JsonAsync("--catalog", tree.Catalog, "junk", "--json");

        Assert.AreEqual(2, json.GetProperty("count").GetInt32());
        Assert.AreEqual(15, json.GetProperty("total_bytes").GetInt64());
        var reasons = json.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("reason").GetString()).ToArray();
        CollectionAssert.AreEqual(new[] { "pattern: *.part", "pattern: *.r[0-9][0-9]" }, reasons);
    }

    [TestMethod]
    public async Task Scan_PathWithLeadingDash_WorksAfterDoubleDash()
    {
        using var tree = new TempTree();
        var dashed = tree.WriteRandom("-dashed/file.mkv", 100, 1);
        var json = await CliRunner.JsonAsync("--catalog", tree.Catalog, "scan", "--json", "--", Path.GetDirectoryName(dashed)!);
        Assert.AreEqual(1, json.GetProperty("files").GetInt32());
    }

    [TestMethod]
    public async Task ScanJson_ReportsErrorsWithPathsAndExitsOne()
    {
        using var tree = new TempTree();
        var missing = tree.PathOf("does-not-exist");
        var (exit, output, error) = await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "--json", missing);
        Assert.AreEqual(1, exit);
        StringAssert.Contains(error, missing);
        StringAssert.Contains(output, "\"errors\": 1");
    }

    [TestMethod]
    [DataRow("dupes", "--min-size", "lots")]
    [DataRow("dupes", "--json", "--csv")]
    [DataRow("scan")]
    [DataRow("scan", "--algo", "md5", "/tmp")]
    [DataRow("frobnicate")]
    [DataRow("--host", "ftp://nas", "dupes")]
    [DataRow("--host", "127.0.0.1:1", "scan", "--media", "/tmp")]
    public async Task BadCommandLine_ExitsTwoWithAMessage(params string[] args)
    {
        using var tree = new TempTree();
        var (exit, _, error) = await CliRunner.RunAsync(["--catalog", tree.Catalog, .. args]);
        Assert.AreEqual(2, exit);
        Assert.IsFalse(string.IsNullOrWhiteSpace(error));
    }

    [TestMethod]
    public async Task SecondProcess_OpeningTheCatalog_ExitsThreeWithAClearError()
    {
        using var tree = new TempTree();
        using var held = CatalogStore.Open(tree.Catalog);
        var mlm = Path.Combine(AppContext.BaseDirectory, "mlm.dll");
        var start = new ProcessStartInfo("dotnet", [mlm, "--catalog", tree.Catalog, "junk"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.AreEqual(3, process.ExitCode);
        StringAssert.Contains(stderr, "in use by another mlm process");
        StringAssert.Contains(stderr, $"pid {Environment.ProcessId}");
    }

    [TestMethod]
    public async Task Rescan_Unchanged_ReportsZeroBytesRead()
    {
        using var tree = new TempTree();
        tree.WriteRandom("a.mkv", 100_000, 1);
        await CliRunner.RunAsync("--catalog", tree.Catalog, "scan", "-q", tree.Files);
        var json = await CliRunner.JsonAsync("--catalog", tree.Catalog, "scan", "--json", tree.Files);
        Assert.AreEqual(0, json.GetProperty("bytes_hashed").GetInt64());
        Assert.AreEqual(1, json.GetProperty("unchanged").GetInt32());
    }
}
