using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Net.Client;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Bench;

/// <summary>Sends load and reports throughput. Usage:
/// IngestLoad json|grpc URL [--batches N] [--size 500] [--connections 4] [--run NAME]</summary>
public static class IngestLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: IngestLoad json|grpc URL [--batches N] [--size 500] [--connections 4] [--run NAME]");
            return 2;
        }
        string mode = args[0];
        var url = new Uri(args[1]);
        int batches = Int(args, "--batches", 200);
        int size = Int(args, "--size", 500);
        int connections = Int(args, "--connections", 4);
        string run = Str(args, "--run", mode + "-" + DateTime.UtcNow.Ticks);

        // Build (and serialize) every batch first: the client's own work must not be measured.
        var prepared = Enumerable.Range(0, batches).Select(b => RecordFactory.Batch(run, b, size, "load")).ToList();
        var json = mode == "json" ? prepared.Select(RecordFactory.Json).ToList() : null;

        var clock = Stopwatch.StartNew();
        long stored = mode switch
        {
            "json" => await JsonAsync(url, json!, connections),
            "grpc" => await GrpcAsync(url, prepared, connections),
            _ => throw new ArgumentException("mode must be json or grpc"),
        };
        clock.Stop();
        double rate = stored / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: {batches} batches x {size} records over {connections} connection(s): {stored} stored in {clock.Elapsed.TotalSeconds:0.000} s = " +
                $"{rate:0} records/s"));
        return stored == (long)batches * size ? 0 : 1;
    }

    private static async Task<long> JsonAsync(Uri url, List<string> bodies, int connections)
    {
        long stored = 0;
        int next = -1;
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = url };
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                using var response = await http.PostAsync("/ingest/batch", new StringContent(bodies[i], Encoding.UTF8, "application/json"));
                var text = await response.Content.ReadAsStringAsync();
                response.EnsureSuccessStatusCode();
                using var doc = System.Text.Json.JsonDocument.Parse(text);
                Interlocked.Add(ref stored, doc.RootElement.GetProperty("processed").GetInt32());
            }
        });
        await Task.WhenAll(workers);
        return stored;
    }

    private static async Task<long> GrpcAsync(Uri url, List<IngestBatch> batches, int streams)
    {
        using var channel = GrpcChannel.ForAddress(url);
        var client = new Ingest.IngestClient(channel);
        long stored = 0;
        int next = -1;
        var workers = Enumerable.Range(0, streams).Select(async _ =>
        {
            using var call = client.StreamBatches();
            // Pipelined: writes run ahead of acknowledgements, as our agent's outbox drains.
            var reader = Task.Run(async () =>
            {
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    Interlocked.Add(ref stored, call.ResponseStream.Current.Processed);
                }
            });
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
            {
                await call.RequestStream.WriteAsync(batches[i]);
            }
            await call.RequestStream.CompleteAsync();
            await reader;
        });
        await Task.WhenAll(workers);
        return stored;
    }

    private static int Int(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Str(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
