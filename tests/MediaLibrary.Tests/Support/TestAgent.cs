using MediaLibrary.Agent;

namespace MediaLibrary.Tests.Support;

/// <summary>The agent in-process, its control API on a loopback port chosen by the OS.</summary>
internal sealed class TestAgent : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestAgent(WebApplication app)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = app.Services.GetRequiredService<AgentEndpoint>().Uri };
        Stats = app.Services.GetRequiredService<AgentStats>();
        Cache = app.Services.GetRequiredService<AgentCache>();
    }

    public HttpClient Http { get; }

    public AgentStats Stats { get; }

    public AgentCache Cache { get; }

    public static async Task<TestAgent> StartAsync(TestHost host, string cache, params string[] browseRoots)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.AddMediaLibraryAgent(new AgentOptions
        {
            HostHttp = host.HttpUri,
            HostGrpc = host.GrpcUri,
            CachePath = cache,
            Port = 0,
            Name = "nas",
            Interval = TimeSpan.FromHours(1),
            BrowseRoots = browseRoots,
        });
        var app = builder.Build();
        app.UseMediaLibraryAgent();
        await app.StartAsync();
        return new TestAgent(app);
    }

    /// <summary>Waits until <paramref name="cycles"/> cycles ended and the outbox is empty.</summary>
    public async Task WaitForCyclesAsync(long cycles, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Stats.Cycles < cycles || Stats.Active || Cache.Store.OutboxCount() > 0)
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, $"agent did not finish {cycles} cycles; last error: {Stats.LastError}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
