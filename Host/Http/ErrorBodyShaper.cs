using System.Text.Json;
using MediaLibrary.Common.Ingest;

namespace MediaLibrary.Host.Http;

/// <summary>
/// The one reshaper of error bodies, for the host and (linked into it) the agent: gRPC JSON
/// transcoding answers errors as <c>{"code","message"}</c>; the earlier system's clients read
/// <c>{"detail": ...}</c> from the host and <c>{"error": ...}</c> from the agent. The status is kept
/// (404 not found, 403 outside the roots, 400 wrong types); other bodies pass untouched.
/// </summary>
public sealed class ErrorBodyShaper(RequestDelegate next, string key, string prefix)
{
    /// <summary>Runs the rest of the pipeline and reshapes its error body, if it is transcoding's.</summary>
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
        if (context.Response.StatusCode >= 400 && TranscodingError.Message(captured.ToArray()) is { } message)
        {
            context.Response.ContentLength = null;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { [key] = prefix + message }), context.RequestAborted);
            return;
        }
        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }
}
