using System.Text.Json;
using MediaLibrary.Common.Ingest;

namespace MediaLibrary.Agent.Http;

/// <summary>Turns transcoding's error body ({"code","message"}) into the earlier agent's {"error": ...},
/// keeping the status (404 not found, 403 outside the roots).</summary>
public sealed class ErrorShape(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        captured.Position = 0;
        if (context.Response.StatusCode >= 400 && TranscodingError.Message(captured.ToArray()) is { } message)
        {
            context.Response.ContentLength = null;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = message }), context.RequestAborted);
            return;
        }
        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }
}
