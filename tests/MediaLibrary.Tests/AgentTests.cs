using System.Net;
using System.Text.Json;
using MediaLibrary.Contracts.V1;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class AgentTests
{
    public TestContext TestContext { get; set; } = null!;

    private static async Task<Dictionary<string, CatalogFile>> HostFilesAsync(TestHost host)
    {
        var files = new Dictionary<string, CatalogFile>(StringComparer.Ordinal);
        var token = "";
        do
        {
            var page = await host.Catalog.ListFilesAsync(new FilesRequest { Source = "nas", PageSize = 1000, PageToken = token });
            foreach (var f in page.Files)
            {
                Assert.IsTrue(files.TryAdd(f.Record.Path, f), "no path twice");
            }
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return files;
    }

    private static List<string> TreeFiles(TempTree tree) =>
        Directory.EnumerateFiles(tree.Files, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

    [TestMethod]
    public async Task Once_AgainstARealHost_EverythingArrivesAndVideosGetMetadata()
    {
        using var tree = new TempTree();
        TestMedia.Video(tree.PathOf("Show/S01E01.mp4"));
        tree.WriteRandom("Show/broken.mkv", 5000, 1);
        tree.WriteRandom("Show/S01E01.srt", 300, 2);
        tree.Write("dl/a.part", [1, 2]);
        await using var host = await TestHost.StartAsync(tree.Catalog, settings: TestHost.Roots(tree.Files));

        using var agent = AgentProcess.Start(host, Path.Combine(tree.Root, "agent.db"), "--once");
        Assert.AreEqual(0, await agent.WaitAsync(TimeSpan.FromSeconds(60)), agent.Output);

        var files = await HostFilesAsync(host);
        CollectionAssert.AreEquivalent(TreeFiles(tree), files.Keys.ToList());
        var video = files[tree.PathOf("Show/S01E01.mp4")].Record;
        Assert.AreEqual("h264", video.Metadata.VideoCodec);
        Assert.AreEqual(320, video.Metadata.Width);
        Assert.AreEqual(240, video.Metadata.Height);
        Assert.AreEqual(2.0, video.Metadata.Duration, 0.2);
        CollectionAssert.AreEqual(new[] { "aac" }, video.Metadata.AudioCodecs.ToArray());
        Assert.IsFalse(string.IsNullOrEmpty(video.Hashes.SampleHash), "pass 2 kept pass 1's hashes");
        Assert.IsFalse(string.IsNullOrEmpty(files[tree.PathOf("Show/broken.mkv")].Record.Metadata.ProbeError));
        Assert.IsNull(files[tree.PathOf("Show/S01E01.srt")].Record.Metadata, "only videos are probed");
    }

    [TestMethod]
    public async Task KilledAtSeveralPoints_HostEndsExactlyEqualToTheTree()
    {
        using var tree = new TempTree();
        for (int i = 0; i < 4000; i++)
        {
            tree.WriteRandom($"d{i % 40:00}/f{i:0000}.bin", 2000 + (i % 500), i);
        }
        for (int i = 0; i < 8; i++)
        {
            TestMedia.Video(tree.PathOf($"v/clip{i}.mp4"), i % 2 == 0 ? "testsrc" : "smptebars");
        }
        var cache = Path.Combine(tree.Root, "agent.db");
        await using var host = await TestHost.StartAsync(tree.Catalog, settings: TestHost.Roots(tree.Files));

        // Kill once some records arrived, again a little later, then let a run finish.
        foreach (var arrived in new[] { 1, 1500 })
        {
            using var agent = AgentProcess.Start(host, cache, "--once");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await host.Catalog.GetStatsAsync(new StatsRequest())).Files < arrived && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }
            agent.Kill();
        }
        using (var last = AgentProcess.Start(host, cache, "--once"))
        {
            Assert.AreEqual(0, await last.WaitAsync(TimeSpan.FromSeconds(90)), last.Output);
        }

        var files = await HostFilesAsync(host);
        CollectionAssert.AreEqual(TreeFiles(tree), files.Keys.Order(StringComparer.Ordinal).ToList());
        Assert.IsTrue(files.Values.Where(f => f.Record.Kind == "video").All(f => f.Record.Metadata is not null), "pass 2 finished too");
    }

    [TestMethod]
    public async Task HostDownForTheWholeScan_EverythingArrivesWhenItReturns()
    {
        using var tree = new TempTree();
        tree.WriteRandom("first.mkv", 1000, 1);
        var cache = Path.Combine(tree.Root, "agent.db");
        var catalog = tree.Catalog;
        int httpPort, grpcPort;
        await using (var host = await TestHost.StartAsync(catalog, settings: TestHost.Roots(tree.Files)))
        {
            httpPort = host.HttpUri.Port;
            grpcPort = host.GrpcUri.Port;
            using var first = AgentProcess.Start(host, cache, "--once");
            Assert.AreEqual(0, await first.WaitAsync(TimeSpan.FromSeconds(60)), first.Output);
            for (int i = 0; i < 300; i++)
            {
                tree.WriteRandom($"later/f{i:000}.bin", 3000, i);
            }
            // The host goes away; the agent scans with the config it last received.
            await host.DisposeAsync();
            using var second = AgentProcess.Start(host, cache, "--once");
            await second.WaitForOutputAsync("host unreachable", TimeSpan.FromSeconds(60)); // it has found the host gone
            var settings = TestHost.Roots(tree.Files);
            settings["Host:HttpPort"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Host:GrpcPort"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await using var back = await TestHost.StartAsync(catalog, settings: settings);
            Assert.AreEqual(0, await second.WaitAsync(TimeSpan.FromSeconds(90)), second.Output);
            StringAssert.Contains(second.Output, "host unreachable");

            CollectionAssert.AreEqual(TreeFiles(tree), (await HostFilesAsync(back)).Keys.Order(StringComparer.Ordinal).ToList());
            using var third = AgentProcess.Start(back, cache, "--once");
            Assert.AreEqual(0, await third.WaitAsync(TimeSpan.FromSeconds(60)), third.Output);
            StringAssert.Contains(third.Output, "0 bytes hashed, 0 probes", "nothing is hashed again");
        }
    }

    [TestMethod]
    public async Task UnchangedCycle_ReadsNoBytesProbesNothingAndSendsNothing()
    {
        using var tree = new TempTree();
        TestMedia.Video(tree.PathOf("a/clip.mp4"));
        for (int i = 0; i < 50; i++)
        {
            tree.WriteRandom($"b/f{i}.bin", 10_000, i);
        }
        await using var host = await TestHost.StartAsync(tree.Catalog, settings: TestHost.Roots(tree.Files));
        await using var agent = await TestAgent.StartAsync(host, Path.Combine(tree.Root, "agent.db"));
        await agent.WaitForCyclesAsync(1, TimeSpan.FromSeconds(60));
        Assert.IsGreaterThan(0L, agent.Stats.BytesHashed);
        Assert.AreEqual(1L, agent.Stats.Probes);

        var started = JsonDocument.Parse(await (await agent.Http.PostAsync("/agent/scan_now", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.IsTrue(started.GetProperty("started").GetBoolean());
        await agent.WaitForCyclesAsync(2, TimeSpan.FromSeconds(60));

        var stats = JsonDocument.Parse(await agent.Http.GetStringAsync("/agent/stats")).RootElement;
        Assert.AreEqual(0, stats.GetProperty("bytes_hashed").GetInt64());
        Assert.AreEqual(0, stats.GetProperty("probes").GetInt64());
        Assert.AreEqual(0, stats.GetProperty("uploaded").GetInt64(), "no record is sent again");
        Assert.AreEqual(51, stats.GetProperty("seen").GetInt64());
        Assert.AreEqual(0, stats.GetProperty("outbox_depth").GetInt64());
    }

    [TestMethod]
    public async Task ControlRoutes_AnswerWithTheContractsShapes()
    {
        using var tree = new TempTree();
        tree.WriteRandom("Zeta/a.mkv", 10, 1);
        tree.WriteRandom("alpha/b.mkv", 10, 2);
        tree.WriteRandom("x.part", 10, 3);
        tree.WriteRandom("B.nfo", 10, 4);
        var outside = Path.Combine(tree.Root, "outside");
        Directory.CreateDirectory(outside);
        tree.Symlink("escape", outside);
        await using var host = await TestHost.StartAsync(tree.Catalog, settings: TestHost.Roots(tree.Files));
        await using var agent = await TestAgent.StartAsync(host, Path.Combine(tree.Root, "agent.db"));
        await agent.WaitForCyclesAsync(1, TimeSpan.FromSeconds(60));
        async Task<(HttpStatusCode Status, JsonElement Body)> Get(string path)
        {
            var response = await agent.Http.GetAsync(path);
            return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        Assert.IsTrue((await Get("/agent/ping")).Body.GetProperty("ok").GetBoolean());

        var ls = await Get("/agent/ls?path=" + Uri.EscapeDataString(tree.Files));
        Assert.AreEqual(HttpStatusCode.OK, ls.Status);
        CollectionAssert.AreEqual(new[] { "alpha", "escape", "Zeta" }, ls.Body.GetProperty("dirs").EnumerateArray().Select(d =>
            d.GetProperty("name").GetString()).ToArray());
        CollectionAssert.AreEqual(new[] { "B.nfo", "x.part" }, ls.Body.GetProperty("files").EnumerateArray().Select(d =>
            d.GetProperty("name").GetString()).ToArray());
        Assert.AreEqual(tree.PathOf("alpha"), ls.Body.GetProperty("dirs")[0].GetProperty("path").GetString());

        var missing = await Get("/agent/ls?path=" + Uri.EscapeDataString(tree.PathOf("nope")));
        Assert.AreEqual(HttpStatusCode.NotFound, missing.Status);
        Assert.AreEqual("not found", missing.Body.GetProperty("error").GetString());
        foreach (var refused in new[] { "/etc", tree.Files + "/../outside", tree.PathOf("escape") })
        {
            var answer = await Get("/agent/ls?path=" + Uri.EscapeDataString(refused));
            Assert.AreEqual(HttpStatusCode.Forbidden, answer.Status, refused);
            Assert.IsFalse(string.IsNullOrEmpty(answer.Body.GetProperty("error").GetString()));
        }

        var stats = (await Get("/agent/stats")).Body;
        foreach (var key in new[] { "ts", "roots", "active", "elapsed", "seen", "uploaded", "batches", "rate_files_per_s", "data_mib", "kinds", "workers",
            "batch_size", "sent_bytes", "errors", "total_all", "total_videos", "phase", "phase_name", "seen_videos", "outbox_depth" })
        {
            Assert.IsTrue(stats.TryGetProperty(key, out _), key);
        }
        Assert.AreEqual(4, stats.GetProperty("seen").GetInt64());
        Assert.AreEqual(1, stats.GetProperty("kinds").GetProperty("junk").GetInt64());

        var info = (await Get("/agent/cache_info")).Body;
        Assert.IsTrue(info.GetProperty("exists").GetBoolean());
        Assert.AreEqual(4, info.GetProperty("rows").GetProperty("agent_index").GetInt64());
        Assert.AreEqual(0, info.GetProperty("rows").GetProperty("outbox").GetInt64());

        var compacted = await (await agent.Http.PostAsync("/agent/compact_cache", null)).Content.ReadAsStringAsync();
        Assert.IsTrue(JsonDocument.Parse(compacted).RootElement.TryGetProperty("ok", out var ok) && ok.GetBoolean(), compacted);
        var cleared = JsonDocument.Parse(await (await agent.Http.PostAsync("/agent/clear_cache", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.IsTrue(cleared.GetProperty("cleared").GetBoolean());
        Assert.AreEqual(0, (await Get("/agent/cache_info")).Body.GetProperty("rows").GetProperty("agent_index").GetInt64());
    }

    [TestMethod]
    public async Task OffPeak_AgentFingerprintsVideosAndTheHostGroupsNearDuplicates()
    {
        using var tree = new TempTree();
        var original = TestMedia.Video(tree.PathOf("films/clip.mkv"), "testsrc", seconds: 6);
        TestMedia.Run("-i", original, "-vf", "scale=160:120", "-c:v", "libx264", "-preset", "veryfast", tree.PathOf("films/clip.small.mp4"));
        TestMedia.Video(tree.PathOf("films/other.mkv"), "mandelbrot", seconds: 6);
        var settings = TestHost.Roots(tree.Files);
        settings["Ingest:AgentOffpeakStart"] = "3"; // start == end: the window is always open
        settings["Ingest:AgentOffpeakEnd"] = "3";
        await using var host = await TestHost.StartAsync(tree.Catalog, settings: settings);
        await using (var agent = await TestAgent.StartAsync(host, Path.Combine(tree.Root, "agent.db")))
        {
            await agent.WaitForCyclesAsync(1, TimeSpan.FromSeconds(90));
        }

        var near = await CliRunner.JsonAsync("--host", host.GrpcUri.ToString(), "dupes", "--near", "--json");

        var group = near.GetProperty("groups").EnumerateArray().Single();
        var files = group.GetProperty("files").EnumerateArray().ToList();
        CollectionAssert.AreEquivalent(new[] { original, tree.PathOf("films/clip.small.mp4") }, files.Select(f => f.GetProperty("path").GetString()).ToArray());
        Assert.AreEqual(original, files.Single(f => f.GetProperty("best").GetBoolean()).GetProperty("path").GetString());
    }
}
