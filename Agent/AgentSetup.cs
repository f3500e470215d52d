using System.Net;
using MediaLibrary.Agent.Grpc;
using MediaLibrary.Host.Http;
using MediaLibrary.Agent.Work;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MediaLibrary.Agent;

/// <summary>Composition of the agent: its cache, the host link, the cycle worker, /agent/* on one port.</summary>
public static class AgentSetup
{
    /// <summary>Registers the agent's services.</summary>
    public static WebApplicationBuilder AddMediaLibraryAgent(this WebApplicationBuilder builder, AgentOptions options)
    {
        var endpoint = new AgentEndpoint();
        builder.WebHost.ConfigureKestrel(k =>
            k.Listen(IPAddress.Parse(options.Listen), options.Port, l => { l.Protocols = HttpProtocols.Http1; endpoint.Listen = l; }));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(endpoint);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => new AgentCache(options.CachePath, options.ClearCache));
        builder.Services.AddSingleton<AgentStats>();
        builder.Services.AddSingleton<HostLink>();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddSingleton<CycleRunner>();
        builder.Services.AddSingleton<BrowsePolicy>();
        builder.Services.AddSingleton<AgentWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AgentWorker>());
        builder.Services.AddGrpc().AddJsonTranscoding(o =>
        {
            o.JsonSettings.IgnoreDefaultValues = false;
            o.JsonSettings.WriteInt64sAsStrings = false;
        });
        return builder;
    }

    /// <summary>The control API.</summary>
    public static WebApplication UseMediaLibraryAgent(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<AgentCache>(); // a cache held by another agent fails the start
        app.UseMiddleware<ErrorBodyShaper>("error", "");
        app.MapGrpcService<AgentControlService>();
        return app;
    }
}

/// <summary>The control API's socket, readable after start (port 0 in tests).</summary>
public sealed class AgentEndpoint
{
    internal ListenOptions? Listen { get; set; }

    /// <summary>http://address:port.</summary>
    public Uri Uri => Listen?.IPEndPoint is { } ep ? Common.Net.HostUri.Of(ep) : throw new InvalidOperationException("not listening yet");
}
