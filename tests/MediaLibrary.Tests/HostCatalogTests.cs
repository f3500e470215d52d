using System.Text.Json;
using Grpc.Core;
using MediaLibrary.Contracts.V1;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class HostCatalogTests
{
    private static async Task<JsonElement> GetJsonAsync(TestHost host, string path)
    {
        var response = await host.Http.GetAsync(path);
        Assert.AreEqual(200, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [TestMethod]
    public async Task IngestConfig_ServesEveryContractKeyWithTheContractsDefaults()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog, settings: new Dictionary<string, string?> { ["Ingest:RemoteRoots:0"] = "/srv/media" });
        var expected = JsonDocument.Parse(ContractSamples.Read("ingest_config.json")).RootElement;

        var config = await GetJsonAsync(host, "/ingest/config");

        foreach (var property in expected.EnumerateObject())
        {
            Assert.IsTrue(config.TryGetProperty(property.Name, out var value), $"missing key {property.Name}");
            Assert.AreEqual(property.Value.GetRawText().Replace(" ", "").Replace("\n", ""), value.GetRawText(), property.Name);
        }
    }

    [TestMethod]
    public async Task UpdateConfig_ChangesNamedFieldsAndPerAgentRootsAndSurvivesRestart()
    {
        using var tree = new TempTree();
        await using (var host = await TestHost.StartAsync(tree.Catalog))
        {
            var change = new UpdateConfigRequest { Config = new IngestConfig { BatchSize = 250, AgentGzip = true }, Fields = { "batch_size", "agent_gzip" } };
            await host.Catalog.UpdateConfigAsync(change);
            var roots = new UpdateConfigRequest { Config = new IngestConfig { RemoteRoots = { "/mnt/nas/films" } }, Fields = { "remote_roots" },
                Agent = "nas" };
            await host.Catalog.UpdateConfigAsync(roots);
            var bad = new UpdateConfigRequest { Config = new IngestConfig { BatchSize = 0 }, Fields = { "batch_size" } };
            var e = await Assert.ThrowsExactlyAsync<RpcException>(async () => await host.Catalog.UpdateConfigAsync(bad));
            Assert.AreEqual(StatusCode.InvalidArgument, e.StatusCode);
            var unknown = new UpdateConfigRequest { Fields = { "no_such_field" } };
            Assert.AreEqual(StatusCode.InvalidArgument, (await Assert.ThrowsExactlyAsync<RpcException>(async () =>
                await host.Catalog.UpdateConfigAsync(unknown))).StatusCode);
        }
        await using var restarted = await TestHost.StartAsync(tree.Catalog);

        var forNas = await GetJsonAsync(restarted, "/ingest/config?agent=nas");
        var forOthers = await GetJsonAsync(restarted, "/ingest/config");

        Assert.AreEqual(250, forNas.GetProperty("batch_size").GetInt32());
        Assert.IsTrue(forNas.GetProperty("agent_gzip").GetBoolean());
        Assert.AreEqual("/mnt/nas/films", forNas.GetProperty("remote_roots")[0].GetString());
        Assert.AreEqual(0, forOthers.GetProperty("remote_roots").GetArrayLength());
        Assert.AreEqual(4, forOthers.GetProperty("agent_max_workers").GetInt32(), "fields not named keep their value");
    }

    [TestMethod]
    public async Task ListDuplicates_ReportsAgreeingFullHashesAndCountsHardlinksOnce()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        await host.PostJsonAsync(ContractSamples.Read("batch_pass1_with_full_hash.json"));

        var page = await host.Catalog.ListDuplicatesAsync(new DuplicatesRequest());

        Assert.AreEqual(2, page.TotalGroups);
        Assert.AreEqual(13631488L, page.Groups[0].Size);
        Assert.AreEqual(13631488L + 31165L, page.ReclaimableBytes);
        Assert.IsFalse(page.Groups.Any(g => g.Files.Any(f => f.Path.Contains("hardlink", StringComparison.Ordinal))), "a hardlink pair is one identity");
    }

    [TestMethod]
    public async Task ListDuplicates_PagesComeFromOneSearchEvenWhileAgentsSend()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        await host.PostJsonAsync(ContractSamples.Read("batch_pass1_with_full_hash.json"));

        var first = await host.Catalog.ListDuplicatesAsync(new DuplicatesRequest { PageSize = 1 });
        // An agent's batch lands between the pages: the catalog's state changes.
        await host.PostJsonAsync(ContractSamples.Read("batch_pass1_with_full_hash.json").Replace("\"batch_id\"", "\"ignored_batch_id\"",
            StringComparison.Ordinal));
        var second = await host.Catalog.ListDuplicatesAsync(new DuplicatesRequest { PageSize = 1, PageToken = first.NextPageToken });

        Assert.AreEqual(2, first.TotalGroups);
        Assert.AreEqual(2, second.TotalGroups);
        Assert.AreNotEqual(first.Groups[0].Hash, second.Groups[0].Hash, "the second page goes on where the first stopped");
        Assert.AreEqual("", second.NextPageToken);
        var bad = await Assert.ThrowsExactlyAsync<RpcException>(async () => await host.Catalog.ListDuplicatesAsync(new DuplicatesRequest { PageToken = "7" }));
        Assert.AreEqual(StatusCode.InvalidArgument, bad.StatusCode);
    }

    [TestMethod]
    public async Task ListDuplicates_WithoutFullHashes_CountsCandidatesAsAwaiting()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        await host.PostJsonAsync(ContractSamples.Read("batch_pass1_sample_hash_only.json"));

        var page = await host.Catalog.ListDuplicatesAsync(new DuplicatesRequest());

        Assert.AreEqual(0, page.TotalGroups);
        Assert.IsGreaterThanOrEqualTo(4, page.AwaitingFullHash);
    }

    [TestMethod]
    public async Task ListFiles_PagesThroughJunkInPathOrder()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        await host.PostJsonAsync(ContractSamples.Read("batch_pass1_with_full_hash.json"));

        var paths = new List<string>();
        var token = "";
        int pages = 0;
        do
        {
            var page = await host.Catalog.ListFilesAsync(new FilesRequest { Kind = "junk", PageSize = 3, PageToken = token });
            paths.AddRange(page.Files.Select(f => f.Record.Path));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        CollectionAssert.AreEqual(new[] { "/srv/media/misc/download.crdownload", "/srv/media/x.part", "/srv/media/y.par2", "/srv/media/z.r00" }, paths);
        Assert.AreEqual(2, pages);
    }

    [TestMethod]
    public async Task JsonApi_StatsAndSearch_AreServedOverHttp()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        await host.PostJsonAsync(ContractSamples.Read("batch_pass1_with_full_hash.json"));

        var stats = await GetJsonAsync(host, "/api/stats");
        var search = await GetJsonAsync(host, "/api/files?query=season%2001&page_size=10");

        Assert.AreEqual(16, stats.GetProperty("files").GetInt64());
        var video = stats.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "video");
        Assert.AreEqual(7, video.GetProperty("files").GetInt64());
        Assert.AreEqual(3, search.GetProperty("files").GetArrayLength());
    }

    [TestMethod]
    public async Task Cli_WithHost_ScansToItAndQueriesIt()
    {
        using var tree = new TempTree();
        var data = TempTree.RandomBytes(50_000, 3);
        tree.Write("a/film.mkv", data);
        tree.Write("b/film copy.mkv", data);
        tree.Write("dl/x.part", [1, 2, 3]);
        await using var host = await TestHost.StartAsync(Path.Combine(tree.Root, "host.db"));
        var address = host.GrpcUri.ToString();

        var (exit, _, error) = await CliRunner.RunAsync("--host", address, "scan", "-q", tree.Files);
        Assert.AreEqual(0, exit, error);
        var dupes = await CliRunner.JsonAsync("--host", address, "dupes", "--json");
        var junk = await CliRunner.JsonAsync("--host", address, "junk", "--json");

        Assert.AreEqual(1, dupes.GetProperty("group_count").GetInt32());
        Assert.AreEqual(Environment.MachineName, dupes.GetProperty("groups")[0].GetProperty("files")[0].GetProperty("source").GetString());
        Assert.AreEqual(1, junk.GetProperty("count").GetInt32());
        Assert.IsFalse(File.Exists(tree.Catalog), "nothing was written to an embedded catalog");
    }

    [TestMethod]
    public async Task Cli_WithUnreachableHost_ExitsFiveWithAMessage()
    {
        using var tree = new TempTree();
        var (exit, _, error) = await CliRunner.RunAsync("--host", "127.0.0.1:1", "dupes");
        Assert.AreEqual(5, exit);
        StringAssert.Contains(error, "host error");
    }
}
