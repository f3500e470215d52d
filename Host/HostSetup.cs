using System.Net;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Ingest;
using MediaLibrary.Common.Actions;
using MediaLibrary.Host.Grpc;
using MediaLibrary.Host.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MediaLibrary.Host;

/// <summary>Composition of the host: options, Kestrel's two ports, the catalog, gRPC with transcoding.</summary>
public static class HostSetup
{
    /// <summary>Registers everything the host needs.</summary>
    public static WebApplicationBuilder AddMediaLibraryHost(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddEnvironmentVariables("MLM_");
        var options = builder.Configuration.GetSection("Host").Get<HostOptions>() ?? new HostOptions();
        var ingest = builder.Configuration.GetSection("Ingest").Get<IngestSettings>() ?? new IngestSettings();
        var endpoints = new HostEndpoints();

        builder.WebHost.ConfigureKestrel(k =>
        {
            var address = IPAddress.Parse(options.Listen);
            k.Listen(address, options.HttpPort, l => { l.Protocols = HttpProtocols.Http1; endpoints.Http = l; });
            k.Listen(address, options.GrpcPort, l => { l.Protocols = HttpProtocols.Http2; endpoints.Grpc = l; });
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(endpoints);
        builder.Services.AddSingleton(ingest);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => CatalogStore.Open(options.Catalog));
        builder.Services.AddSingleton<IngestProcessor>();
        builder.Services.AddSingleton<ConfigService>();
        builder.Services.AddSingleton<DuplicateReports>();
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, options.MaxBodyBytes))
            .AddJsonTranscoding(o =>
            {
                // The contract's JSON: zeros, falses and empty lists written out; int64 as numbers.
                o.JsonSettings.IgnoreDefaultValues = false;
                o.JsonSettings.WriteInt64sAsStrings = false;
            });
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<CatalogHealthCheck>("catalog");
        return builder;
    }

    /// <summary>The request pipeline and the services.</summary>
    public static WebApplication UseMediaLibraryHost(this WebApplication app)
    {
        // Opened now, not on the first request: a catalog held by another process fails the start.
        var catalog = app.Services.GetRequiredService<CatalogStore>();
        // An organize apply or undo killed while it held this catalog is finished from its journal
        // before anything else touches the catalog.
        if (new PlanExecutor(catalog).Recover() is > 0 and var recovered)
        {
            app.Logger.LogWarning("Finished {Steps} steps of an interrupted organize plan", recovered);
        }
        app.UseWhen(IngestBodyGuard.Applies, b =>
        {
            b.UseMiddleware<ErrorBodyShaper>("detail", "invalid request: ");
            b.UseMiddleware<IngestBodyGuard>();
        });
        app.MapGrpcService<IngestGrpcService>();
        app.MapGrpcService<CatalogGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
