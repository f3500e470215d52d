using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Ingest;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Agent.Work;

/// <summary>
/// The agent's side of the wire: config over the contract's JSON (every host serves it), batches
/// over gRPC StreamBatches, or over JSON POST /ingest/batch against a host that only speaks the
/// contract (the earlier Python host).
/// </summary>
public sealed class HostLink : IDisposable
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private readonly HttpClient _http;
    private readonly GrpcChannel _channel;
    private readonly Ingest.IngestClient _grpc;
    private bool? _useGrpc;

    public HostLink(AgentOptions options)
    {
        _http = new HttpClient { BaseAddress = options.HostHttp, Timeout = TimeSpan.FromSeconds(60) };
        _channel = GrpcChannel.ForAddress(options.GrpcAddress, new GrpcChannelOptions { MaxSendMessageSize = 64 * 1024 * 1024 });
        _grpc = new Ingest.IngestClient(_channel);
    }

    /// <summary>"grpc", "json", or "unknown" before the first send.</summary>
    public string Transport => _useGrpc switch { true => "grpc", false => "json", _ => "unknown" };

    /// <summary>GET /ingest/config?agent=NAME.</summary>
    public async Task<IngestConfig> GetConfigAsync(string agent, CancellationToken ct)
    {
        using var response = await _http.GetAsync("/ingest/config?agent=" + Uri.EscapeDataString(agent), ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return Parser.Parse<IngestConfig>(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
    }

    /// <summary>Sends outbox entries in order; returns the acknowledgements received (a prefix of
    /// the entries when the host went away midway).</summary>
    public async Task<List<IngestAck>> SendAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken ct)
    {
        _useGrpc ??= await ProbeGrpcAsync(ct).ConfigureAwait(false);
        return _useGrpc == true ? await SendGrpcAsync(entries, ct).ConfigureAwait(false) : await SendJsonAsync(entries, ct).ConfigureAwait(false);
    }

    /// <summary>Forget the transport (after a failure the host may have changed).</summary>
    public void Reset() => _useGrpc = null;

    public void Dispose()
    {
        _http.Dispose();
        _channel.Dispose();
    }

    private async Task<bool> ProbeGrpcAsync(CancellationToken ct)
    {
        try
        {
            await _grpc.HealthAsync(new HealthRequest(), deadline: DateTime.UtcNow.AddSeconds(3), cancellationToken: ct).ConfigureAwait(false);
            return true;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    private async Task<List<IngestAck>> SendGrpcAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken ct)
    {
        var acks = new List<IngestAck>(entries.Count);
        using var call = _grpc.StreamBatches(cancellationToken: ct);
        var reading = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
            {
                acks.Add(call.ResponseStream.Current);
            }
        }, ct);
        foreach (var entry in entries)
        {
            await call.RequestStream.WriteAsync(IngestBatch.Parser.ParseFrom(entry.Payload), ct).ConfigureAwait(false);
        }
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        await reading.ConfigureAwait(false);
        return acks;
    }

    private async Task<List<IngestAck>> SendJsonAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken ct)
    {
        var acks = new List<IngestAck>(entries.Count);
        foreach (var entry in entries)
        {
            var body = new ByteArrayContent(ContractJson.Batch(IngestBatch.Parser.ParseFrom(entry.Payload)));
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync("/ingest/batch", body, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            acks.Add(Parser.Parse<IngestAck>(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)));
        }
        return acks;
    }
}
