// Composition root of mlm-host. The gRPC services, JSON transcoding and GUI arrive with the host
// issue; until then it serves the contract's health probe so deployments can be wired up.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health", () => Results.Json(new { ok = true }));
app.Run();
