using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using MediaLibrary.Contracts.V1;
using MediaLibrary.Tests.Support;

namespace MediaLibrary.Tests;

[TestClass]
public sealed class HostIngestTests
{
    private const string Source = "127.0.0.1"; // the earlier agent sends no name: its address is its source

    public TestContext TestContext { get; set; } = null!;

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<long> CountAsync(TestHost host) =>
        (await host.Catalog.GetStatsAsync(new StatsRequest())).Files;

    private static async Task<FileRecord> RecordAsync(TestHost host, string path) =>
        (await host.Catalog.GetFileAsync(new FileLookup { Source = Source, Path = path })).Record;

    [TestMethod]
    public async Task Health_AnswersTheContractsBody()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        var response = await host.Http.GetAsync("/health");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.IsTrue((await JsonOf(response)).GetProperty("ok").GetBoolean());
    }

    [TestMethod]
    public async Task PostBatch_ContractSamples_AreStoredAndMergedAcrossPasses()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);

        var full = await JsonOf(await host.PostJsonAsync(ContractSamples.Read("batch_pass1_with_full_hash.json")));
        var sampleOnly = await JsonOf(await host.PostJsonAsync(ContractSamples.Read("batch_pass1_sample_hash_only.json")));
        var pass2 = await JsonOf(await host.PostJsonAsync(ContractSamples.Read("batch_pass2_with_metadata.json")));

        Assert.AreEqual(16, full.GetProperty("processed").GetInt32());
        Assert.AreEqual("b-1795567196731-5416", full.GetProperty("batch_id").GetString());
        Assert.AreEqual(16, sampleOnly.GetProperty("processed").GetInt32());
        Assert.AreEqual(11, pass2.GetProperty("processed").GetInt32());
        Assert.AreEqual(16, await CountAsync(host));

        var big = await RecordAsync(host, "/srv/media/misc/big.bin.mkv");
        Assert.AreEqual("0bf28873ccf82544", big.Hashes.FullHash, "a null full_hash never erases a stored one");
        Assert.AreEqual("3fde164726ecfbb1", big.Hashes.SampleHash);
        var clip = await RecordAsync(host, "/srv/media/misc/clip.avi");
        Assert.AreEqual("9a242bf4e2ce3353", clip.Hashes.SampleHash, "pass 2 never erases pass 1's hashes");
        Assert.IsNotNull(clip.Metadata, "pass 2 adds metadata");
        Assert.IsGreaterThan(0, clip.Metadata.Duration);
        Assert.IsFalse(string.IsNullOrEmpty(clip.Metadata.VideoCodec));
        Assert.AreEqual("pattern: *.part", (await RecordAsync(host, "/srv/media/x.part")).Reason);
    }

    [TestMethod]
    public async Task PostBatch_SameBatchIdAgain_IsAcknowledgedWithoutApplyingTwice()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        const string first = """{"batch_id": "b-1", "files": [{"kind": "video", "path": "/m/a.mkv", "size": 5, "mtime": 1.5, "ctime": 1.5, "ext": ".mkv"}]}""";
        const string resend = """
            {"batch_id": "b-1", "files": [{"kind": "video", "path": "/m/a.mkv", "size": 6, "mtime": 2.5, "ctime": 2.5, "ext": ".mkv"},
              {"kind": "video", "path": "/m/b.mkv", "size": 1, "mtime": 1, "ctime": 1, "ext": ".mkv"}]}
            """;

        await host.PostJsonAsync(first);
        var again = await JsonOf(await host.PostJsonAsync(resend));

        Assert.AreEqual(1, again.GetProperty("processed").GetInt32(), "the first answer is repeated");
        Assert.IsTrue(again.GetProperty("duplicate").GetBoolean());
        Assert.AreEqual(5, (await RecordAsync(host, "/m/a.mkv")).Size);
        Assert.AreEqual(1, await CountAsync(host));
    }

    [TestMethod]
    public async Task PostBatch_SomeBadRecords_StoresTheRestAndNamesTheBadOnes()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        const string body = """
            {"batch_id": "b-2", "files": [
              {"kind": "video", "path": "", "size": 1},
              {"kind": "video", "path": "/m/nul\u0000name.mkv", "size": 1},
              {"kind": "bogus", "path": "/m/kind.mkv", "size": 1},
              {"kind": "video", "path": "/m/neg.mkv", "size": -4},
              {"kind": "video", "path": "/m/good.mkv", "size": 7, "mtime": 1, "ctime": 1, "ext": ".mkv", "some_future_field": {"x": 1}}
            ], "another_future_field": true}
            """;

        var response = await host.PostJsonAsync(body);
        var ack = await JsonOf(response);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(1, ack.GetProperty("processed").GetInt32());
        var reasons = ack.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("reason").GetString()).ToArray();
        Assert.HasCount(4, reasons);
        StringAssert.Contains(reasons[0], "empty");
        StringAssert.Contains(reasons[1], "NUL");
        StringAssert.Contains(reasons[2], "unknown kind");
        StringAssert.Contains(reasons[3], "negative");
        Assert.AreEqual(7, (await RecordAsync(host, "/m/good.mkv")).Size);
    }

    [TestMethod]
    [DataRow("not json at all", 400, "invalid json")]
    [DataRow("{\"batch_id\": \"x\", \"files\": [", 400, "invalid json")]
    [DataRow("{\"batch_id\": \"x\", \"files\": \"nope\"}", 400, "files must be a list")]
    [DataRow("{\"batch_id\": \"x\", \"files\": {}}", 400, "files must be a list")]
    [DataRow("{\"batch_id\": \"x\"}", 400, "files must be a list")]
    [DataRow("[1, 2]", 400, "body must be a JSON object")]
    [DataRow("{\"batch_id\": \"x\", \"files\": []} trailing", 400, "invalid json")]
    [DataRow("{\"batch_id\": \"x\", \"files\": [{\"kind\": \"video\", \"path\": \"/a\", \"size\": \"big\"}]}", 400, "invalid request")]
    [DataRow("{\"batch_id\": 5, \"files\": []}", 400, "invalid request")]
    [DataRow("{\"batch_id\": " +
        "\"" + "01234567890123456789012345678901234567890123456789012345678901234567890123456789" +
        "01234567890123456789012345678901234567890123456789012345678901234567890123456789" +
        "0123456789012345678901234567890123456789012345678901234567890123456789" + "\", \"files\": []}", 400, "invalid request: batch_id")]
    public async Task PostBatch_BadBody_Is4xxWithJsonDetailAndChangesNothing(string body, int status, string detail)
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        await host.PostJsonAsync(ContractSamples.Read("batch_pass1_with_full_hash.json"));

        var response = await host.PostJsonAsync(body);

        Assert.AreEqual(status, (int)response.StatusCode);
        StringAssert.StartsWith((await JsonOf(response)).GetProperty("detail").GetString(), detail);
        Assert.AreEqual(16, await CountAsync(host));
    }

    [TestMethod]
    public async Task PostBatch_Gzipped_IsInflatedAndStored()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        var response = await host.PostBytesAsync(Gzip(Encoding.UTF8.GetBytes(ContractSamples.Read("batch_pass1_sample_hash_only.json"))), "gzip");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(16, (await JsonOf(response)).GetProperty("processed").GetInt32());
    }

    [TestMethod]
    public async Task PostBatch_GzipBomb_Is413WithoutInflatingIt()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog, maxBodyBytes: 1024 * 1024);
        // 200 MiB of spaces inside a valid JSON prefix: about 200 KiB compressed.
        var bomb = new MemoryStream();
        using (var gz = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write("{\"batch_id\": \"bomb\", \"files\": ["u8);
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (int i = 0; i < 200; i++)
            {
                gz.Write(spaces);
            }
            gz.Write("]}"u8);
        }
        var before = GC.GetTotalAllocatedBytes();

        var response = await host.PostBytesAsync(bomb.ToArray(), "gzip");

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        StringAssert.Contains((await JsonOf(response)).GetProperty("detail").GetString(), "exceeds");
        Assert.IsLessThan(100L * 1024 * 1024, GC.GetTotalAllocatedBytes() - before, "inflating stopped at the limit");
    }

    [TestMethod]
    public async Task PostBatch_OversizedBody_Is413()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog, maxBodyBytes: 64 * 1024);
        var huge = "{\"batch_id\": \"h\", \"files\": [" + string.Join(',', Enumerable.Repeat("{\"kind\": \"video\", \"path\": \"/m/x.mkv\", \"size\": 1}",
            5000)) + "]}";
        var response = await host.PostJsonAsync(huge);
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.AreEqual(0, await CountAsync(host));
    }

    [TestMethod]
    public async Task PostBatch_CorruptGzip_Is400()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        // A valid gzip header followed by a deflate block of reserved type 3.
        var response = await host.PostBytesAsync([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff], "gzip");
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual("invalid gzip body", (await JsonOf(response)).GetProperty("detail").GetString());
    }

    [TestMethod]
    public async Task Grpc_PostBatchAndStreamBatches_StoreAndAcknowledgeEachBatch()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        var single = new IngestBatch { BatchId = "g-0", Agent = "nas" };
        single.Files.Add(new FileRecord { Kind = "video", Path = "/v/0.mkv", Size = 10, Ext = ".mkv" });
        Assert.AreEqual(1, (await host.Ingest.PostBatchAsync(single)).Processed);

        using var call = host.Ingest.StreamBatches();
        for (int b = 1; b <= 20; b++)
        {
            var batch = new IngestBatch { BatchId = $"g-{b}", Agent = "nas" };
            for (int i = 0; i < 50; i++)
            {
                batch.Files.Add(new FileRecord { Kind = "video", Path = $"/v/{b}/{i}.mkv", Size = i, Ext = ".mkv", InodeKey = $"{i}:1:1:{b * 100 + i}:2049" });
            }
            await call.RequestStream.WriteAsync(batch);
            Assert.IsTrue(await call.ResponseStream.MoveNext(TestContext.CancellationToken));
            Assert.AreEqual($"g-{b}", call.ResponseStream.Current.BatchId);
            Assert.AreEqual(50, call.ResponseStream.Current.Processed);
        }
        await call.RequestStream.CompleteAsync();

        Assert.AreEqual(1001, await CountAsync(host));
        var stats = await host.Catalog.GetStatsAsync(new StatsRequest());
        CollectionAssert.Contains(stats.Sources.ToList(), "nas");
    }

    [TestMethod]
    public async Task Restart_KeepsEveryAcknowledgedRecordAndBatchId()
    {
        using var tree = new TempTree();
        await using (var host = await TestHost.StartAsync(tree.Catalog))
        {
            Assert.AreEqual(HttpStatusCode.OK, (await host.PostJsonAsync(ContractSamples.Read("batch_pass1_with_full_hash.json"))).StatusCode);
        }
        await using var restarted = await TestHost.StartAsync(tree.Catalog);

        Assert.AreEqual(16, await CountAsync(restarted));
        var again = await JsonOf(await restarted.PostJsonAsync(ContractSamples.Read("batch_pass1_with_full_hash.json")));
        Assert.IsTrue(again.GetProperty("duplicate").GetBoolean());
    }

    [TestMethod]
    public async Task Grpc_GetFileOfUnknownPath_IsNotFound()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        var e = await Assert.ThrowsExactlyAsync<RpcException>(async () => await host.Catalog.GetFileAsync(new FileLookup { Source = "x", Path = "/nope" }));
        Assert.AreEqual(StatusCode.NotFound, e.StatusCode);
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }
        return output.ToArray();
    }

    [TestMethod]
    public async Task PostBatch_PassOneAndTwoOfAFileCommittedTogether_StayFindableAndMerged()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        var pass1 = new IngestBatch { BatchId = "p1", Agent = "nas" };
        pass1.Files.Add(new FileRecord { Kind = "video", Path = "/v/a.mkv", Size = 10, Ext = ".mkv", InodeKey = "10:1:1:5:9",
            Hashes = new FileHashes { Algo = "xxh128", SampleSize = 4096, SampleHash = "s", FullHash = "f" } });
        var pass2 = new IngestBatch { BatchId = "p2", Agent = "nas" };
        pass2.Files.Add(new FileRecord { Kind = "video", Path = "/v/a.mkv", Size = 10, Ext = ".mkv", InodeKey = "10:1:1:5:9",
            Metadata = new MediaMetadata { Duration = 2, VideoCodec = "h264" } });

        // Sent back to back on one stream, so the host commits them in one transaction.
        using var call = host.Ingest.StreamBatches();
        await call.RequestStream.WriteAsync(pass1);
        await call.RequestStream.WriteAsync(pass2);
        await call.RequestStream.CompleteAsync();
        while (await call.ResponseStream.MoveNext(TestContext.CancellationToken))
        {
        }
        var pass3 = new IngestBatch { BatchId = "p3", Agent = "nas" };
        pass3.Files.Add(new FileRecord { Kind = "video", Path = "/v/a.mkv", Size = 10, Ext = ".mkv", InodeKey = "10:1:1:5:9",
            Metadata = new MediaMetadata { Duration = 3, VideoCodec = "hevc" } });
        await host.Ingest.PostBatchAsync(pass3);

        var record = (await host.Catalog.GetFileAsync(new FileLookup { Source = "nas", Path = "/v/a.mkv" })).Record;
        Assert.AreEqual("f", record.Hashes.FullHash, "hashes survive every later metadata record");
        Assert.AreEqual("hevc", record.Metadata.VideoCodec);
        Assert.AreEqual(1, await CountAsync(host));
    }

    [TestMethod]
    public async Task PostBatch_TheAgentsJsonFallbackBody_RoundTripsEveryField()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        var batch = new IngestBatch { BatchId = "json-1", Agent = "nas" };
        var record = new FileRecord
        {
            Kind = "video", Path = "/v/a.mkv", Size = 5_000_000_000, Mtime = 1.5, Ctime = 2.5, Ext = ".mkv", InodeKey = "5000000000:1:2:77:9",
            Hashes = new FileHashes { Algo = "xxh128", SampleSize = 65536, SampleHash = "s" },
            Metadata = new MediaMetadata { Duration = 2, Container = "matroska,webm", VideoCodec = "h264", Width = 320, Height = 240, Bitrate = 1000,
                FrameRate = 25 },
        };
        record.Metadata.AudioCodecs.Add("aac");
        record.Metadata.AudioLanguages.Add("eng");
        record.Metadata.SubtitleLanguages.Add("fre");
        batch.Files.Add(record);

        var response = await host.PostBytesAsync(MediaLibrary.Common.Ingest.ContractJson.Batch(batch));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var stored = (await host.Catalog.GetFileAsync(new FileLookup { Source = "nas", Path = "/v/a.mkv" })).Record;
        Assert.AreEqual(5_000_000_000, stored.Size, "64-bit sizes travel as JSON numbers");
        Assert.AreEqual("s", stored.Hashes.SampleHash);
        Assert.IsFalse(stored.Hashes.HasFullHash, "a null full_hash stays absent");
        CollectionAssert.AreEqual(new[] { "aac" }, stored.Metadata.AudioCodecs.ToArray());
        CollectionAssert.AreEqual(new[] { "eng" }, stored.Metadata.AudioLanguages.ToArray());
        CollectionAssert.AreEqual(new[] { "fre" }, stored.Metadata.SubtitleLanguages.ToArray());
        Assert.AreEqual(25.0, stored.Metadata.FrameRate);
    }
}
