using System.CommandLine;
using MediaLibrary.Agent.Work;
using MediaLibrary.Common.Net;

namespace MediaLibrary.Agent;

/// <summary>mlm-agent's command line: parse, build the web app, run until stopped (or one cycle with --once).</summary>
public static class AgentProgram
{
    /// <summary>Runs the agent; the exit code is 0, 2 (usage), 3 (no config could be had) or 4 (cache unusable).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var host = new Argument<string>("HOST") { Description = "The host: NAME, NAME:PORT or http://NAME:PORT (JSON port, default 8765)" };
        var grpc = new Option<string?>("--grpc") { Description = "The host's gRPC address (default: same host, port 8766; JSON is used when it does not " +
            "answer)" };
        var cachePath = new Option<string?>("--cache") { Description = "Cache file (default ~/.medialib/agent_cache.db)" };
        var clear = new Option<bool>("--clear-cache") { Description = "Delete the cache at start" };
        var listen = new Option<string>("--listen") { Description = "Address of the control API", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port of the control API (0: any free port)", DefaultValueFactory = _ => 8877 };
        var name = new Option<string>("--name") { Description = "Name the host stores records under", DefaultValueFactory = _ => Environment.MachineName };
        var once = new Option<bool>("--once") { Description = "One cycle, send everything, exit" };
        var browse = new Option<string[]>("--browse-root") { Description = "A folder /agent/ls may show besides the roots (repeatable)",
            AllowMultipleArgumentsPerToken = false };
        var interval = new Option<double>("--interval") { Description = "Seconds between cycles", DefaultValueFactory = _ => 3600 };
        var probeTimeout = new Option<double>("--probe-timeout") { Description = "Seconds ffprobe may take per file", DefaultValueFactory = _ => 30 };
        var root = new RootCommand("mlm-agent: scans the folders a host names and sends it the records.")
        {
            host, grpc, cachePath, clear, listen, port, name, once, browse, interval, probeTimeout,
        };
        var parse = root.Parse(args);
        if (args.Any(a => a is "-h" or "--help" or "-?" or "--version"))
        {
            return await parse.InvokeAsync();
        }
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await Console.Error.WriteLineAsync("mlm-agent: " + e.Message);
            }
            return 2;
        }
        var hostUri = HostUri.Parse(parse.GetValue(host)!, HostUri.DefaultHttpPort);
        var grpcText = parse.GetValue(grpc);
        var grpcUri = grpcText is null ? null : HostUri.Parse(grpcText, HostUri.DefaultGrpcPort);
        if (hostUri is null || (grpcText is not null && grpcUri is null))
        {
            await Console.Error.WriteLineAsync("mlm-agent: HOST must be NAME, NAME:PORT or http://NAME:PORT");
            return 2;
        }
        var options = new AgentOptions
        {
            HostHttp = hostUri,
            HostGrpc = grpcUri,
            CachePath = parse.GetValue(cachePath) ?? new AgentOptions { HostHttp = hostUri }.CachePath,
            ClearCache = parse.GetValue(clear),
            Listen = parse.GetValue(listen)!,
            Port = parse.GetValue(port),
            Name = parse.GetValue(name)!,
            Once = parse.GetValue(once),
            BrowseRoots = parse.GetValue(browse) ?? [],
            Interval = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(interval))),
            ProbeTimeout = TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(probeTimeout))),
        };

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("MediaLibrary", LogLevel.Information);
        builder.AddMediaLibraryAgent(options);
        WebApplication app;
        try
        {
            app = builder.Build();
            app.UseMediaLibraryAgent();
            await app.StartAsync();
        }
        catch (Common.Catalog.CatalogException e)
        {
            await Console.Error.WriteLineAsync("mlm-agent: " + e.Message);
            return 4;
        }
        Console.WriteLine($"mlm-agent: control API on {app.Services.GetRequiredService<AgentEndpoint>().Uri}");
        var worker = app.Services.GetRequiredService<AgentWorker>();
        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return worker.ExitCode;
    }
}
