using MediaLibrary.Host;

// Settings next to the executable, wherever it is started from (cron, systemd, a shell).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddMediaLibraryHost();
var app = builder.Build();
app.UseMediaLibraryHost();
await app.RunAsync();

/// <summary>The host's entry point (public so tests can start it in-process).</summary>
public partial class Program;
