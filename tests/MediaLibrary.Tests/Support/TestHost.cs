using System.Net.Http.Headers;
using System.Text;
using Grpc.Net.Client;
using MediaLibrary.Contracts.V1;
using MediaLibrary.Host;

namespace MediaLibrary.Tests.Support;

/// <summary>The real host on Kestrel, loopback ports chosen by the OS, its catalog in a temp folder.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private TestHost(WebApplication app)
    {
        _app = app;
        var endpoints = app.Services.GetRequiredService<HostEndpoints>();
        HttpUri = endpoints.HttpUri;
        GrpcUri = endpoints.GrpcUri;
        Http = new HttpClient { BaseAddress = HttpUri };
        _channel = GrpcChannel.ForAddress(GrpcUri);
        Ingest = new Ingest.IngestClient(_channel);
        Catalog = new Catalog.CatalogClient(_channel);
    }

    public Uri HttpUri { get; }

    public Uri GrpcUri { get; }

    public HttpClient Http { get; }

    public Ingest.IngestClient Ingest { get; }

    public Catalog.CatalogClient Catalog { get; }

    /// <summary>Settings naming <paramref name="root"/> as the agents' root.</summary>
    public static Dictionary<string, string?> Roots(string root) => new() { ["Ingest:RemoteRoots:0"] = root };

    public static async Task<TestHost> StartAsync(string catalogPath, long maxBodyBytes = 4 * 1024 * 1024, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Host:HttpPort"] = "0",
            ["Host:GrpcPort"] = "0",
            ["Host:Catalog"] = catalogPath,
            ["Host:MaxBodyBytes"] = maxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Logging.ClearProviders();
        builder.AddMediaLibraryHost();
        var app = builder.Build();
        app.UseMediaLibraryHost();
        await app.StartAsync();
        return new TestHost(app);
    }

    /// <summary>POSTs a JSON body to /ingest/batch as the earlier agent does.</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string json, string path = "/ingest/batch") =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>POSTs raw bytes with the given headers.</summary>
    public Task<HttpResponseMessage> PostBytesAsync(byte[] body, string? contentEncoding = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (contentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }
        return Http.PostAsync("/ingest/batch", content);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
